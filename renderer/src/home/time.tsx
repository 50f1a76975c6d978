import { useEffect, useState } from 'react';

/** "2026-05-01 12:00:03 UTC": the exact moment, for a tooltip or a report. */
export function utcLabel(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "just now", "5 minutes ago", "3 months ago". */
export function relativeTime(iso: string, now: number): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((then - now) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'minute') {
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return 'just now';
}

/** The current time, moving on every `everyMs` so relative times stay true on an open screen. */
function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** A relative time with the exact UTC time in its tooltip (and for screen readers). */
export function RelativeTime({ iso, never = 'Never' }: { iso: string | null; never?: string }) {
  const now = useNow();
  if (!iso) return <span className="muted">{never}</span>;
  const exact = utcLabel(iso);
  return (
    <time dateTime={iso} title={exact}>
      {relativeTime(iso, now)}
      <span className="visually-hidden"> ({exact})</span>
    </time>
  );
}
