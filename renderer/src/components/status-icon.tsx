import type { CheckStatus } from '../../../electron/shared/contract';

const ICONS: Record<CheckStatus, { glyph: string; word: string }> = {
  pass: { glyph: '✓', word: 'Passed' },
  fail: { glyph: '✗', word: 'Failed' },
  warn: { glyph: '!', word: 'Warning' },
  info: { glyph: 'i', word: 'Note' },
};

export interface StatusIconProps {
  readonly status: CheckStatus;
  /**
   * The sentence beside the icon already says pass/fail in words (a summary, a heading): the glyph
   * is hidden from screen readers instead of announcing "Passed:" twice.
   */
  readonly decorative?: boolean;
}

/** Colour plus a glyph plus a word for screen readers: status never rests on colour alone. */
export function StatusIcon({ status, decorative = false }: StatusIconProps) {
  const icon = ICONS[status];
  if (decorative) {
    return (
      <span className={`status-icon status-${status}`} aria-hidden="true">
        {icon.glyph}
      </span>
    );
  }
  return (
    <span className={`status-icon status-${status}`}>
      <span aria-hidden="true">{icon.glyph}</span>
      <span className="visually-hidden">{icon.word}: </span>
    </span>
  );
}
