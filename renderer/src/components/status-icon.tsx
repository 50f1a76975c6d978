import type { CheckStatus } from '../../../electron/shared/contract';

const ICONS: Record<CheckStatus, { glyph: string; word: string }> = {
  pass: { glyph: '✓', word: 'Passed' },
  fail: { glyph: '✗', word: 'Failed' },
  warn: { glyph: '!', word: 'Warning' },
  info: { glyph: 'i', word: 'Note' },
};

/** Colour plus a glyph plus a word for screen readers: status never rests on colour alone. */
export function StatusIcon({ status }: { status: CheckStatus }) {
  const icon = ICONS[status];
  return (
    <span className={`status-icon status-${status}`}>
      <span aria-hidden="true">{icon.glyph}</span>
      <span className="visually-hidden">{icon.word}: </span>
    </span>
  );
}
