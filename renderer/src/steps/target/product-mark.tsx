import type { TargetProfile } from '../../../../electron/shared/contract';

/**
 * Initials, not a logo: the wizard ships no vendor artwork. Two words give their initials, a
 * CamelCase name its capitals, one word its first and last letters (Certero CO, Cerb CB).
 */
function initialsOf(name: string): string {
  const words = name.split(/\s+/).filter((word) => /^[A-Za-z]/.test(word) && word !== 'for');
  if (words.length > 1)
    return words
      .slice(0, 2)
      .map((word) => word.charAt(0))
      .join('')
      .toUpperCase();
  const capitals = name.replace(/[^A-Z]/g, '');
  if (capitals.length >= 2) return capitals.slice(0, 2);
  return (name.charAt(0) + name.charAt(name.length - 1)).toUpperCase();
}

/** One of eight colours, from the id, so each product keeps its colour across runs. */
function toneOf(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 43 + char.charCodeAt(0)) % 8;
  return hash;
}

/** A product's mark on its card: a coloured square with its initials (decorative). */
export function ProductMark({ target }: { target: TargetProfile }) {
  return (
    // A class, not an inline style: the page's CSP allows only its own style sheets.
    <span className={`product-mark product-mark-${toneOf(target.id)}`} aria-hidden="true">
      {initialsOf(target.name)}
    </span>
  );
}
