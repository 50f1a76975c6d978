/**
 * An email that may wrap only after its "@", never inside a word: <wbr> marks the one break
 * opportunity, CSS keeps the rest whole.
 */
export function EmailText({ value }: { value: string }) {
  const parts = value.split(/(?<=@)/);
  return (
    <span className="email-text">
      {parts.map((part, index) => (
        <span key={index}>
          {index > 0 ? <wbr /> : null}
          {part}
        </span>
      ))}
    </span>
  );
}
