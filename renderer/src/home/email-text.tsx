/**
 * An email that may wrap only after its "@", never inside a word: <wbr> marks the one break
 * opportunity, CSS keeps the rest whole. A <bdi>: the address comes from Dropbox, and a
 * right-to-left override in it must not reverse the text around it.
 */
export function EmailText({ value }: { value: string }) {
  const parts = value.split(/(?<=@)/);
  return (
    <bdi className="email-text">
      {parts.map((part, index) => (
        <span key={index}>
          {index > 0 ? <wbr /> : null}
          {part}
        </span>
      ))}
    </bdi>
  );
}
