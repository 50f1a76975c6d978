/**
 * An email that may wrap only at its natural joints (after "@" and before a dot), never inside a
 * word: <wbr> marks the break opportunities, CSS keeps the words whole.
 */
export function EmailText({ value }: { value: string }) {
  const parts = value.split(/(?<=@)|(?=\.)/);
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
