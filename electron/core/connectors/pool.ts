/**
 * Runs `work` over `items` with at most `limit` in flight, results in input order. `work` must not
 * throw (the verify runner turns every failure into a result), but a throw still fails only its
 * own slot, so one broken file never costs the others their result.
 */
export async function mapPool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  onError: (error: unknown, item: T) => R,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      const item = items[index] as T;
      try {
        results[index] = await work(item, index);
      } catch (error) {
        results[index] = onError(error, item);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
