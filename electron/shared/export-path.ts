/**
 * The Export field's suggested path follows the chosen format: switching from `.env` to the field
 * sheet turns `…/custom-dropbox-connector-20261123-100000.env` into `…-20261123-100000.txt`, so a
 * Replace never puts one format's contents under another's extension. A path the admin typed is
 * theirs and is not touched (the caller decides that; this only renames).
 */
export interface FormatNaming {
  readonly extension: string;
  readonly nameSuffix?: string;
}

export function pathForFormat(path: string, from: FormatNaming, to: FormatNaming): string {
  if (path.trim() === '') return path;
  const tail = `${from.nameSuffix ?? ''}.${from.extension}`;
  const stem = path.toLowerCase().endsWith(tail.toLowerCase())
    ? path.slice(0, path.length - tail.length)
    : path.replace(/\.[^./\\]*$/, '');
  return `${stem}${to.nameSuffix ?? ''}.${to.extension}`;
}
