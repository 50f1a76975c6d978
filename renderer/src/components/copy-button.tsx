import { useEffect, useRef, useState } from 'react';
import { writeClipboard } from '../lib/clipboard';

export interface CopyButtonProps {
  /** A non-secret value (redirect URI, app name). Secrets go through `copySecret`. */
  readonly value: string;
  /** What is copied, for the accessible name: "Copy <what>". */
  readonly what: string;
}

export function CopyButton({ value, what }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<number | null>(null);
  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );

  const copy = async (): Promise<void> => {
    const done = await writeClipboard(value);
    setState(done ? 'copied' : 'failed');
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setState('idle'), 2500);
  };

  return (
    <span className="copy-button">
      <button
        type="button"
        className="button small"
        aria-label={`Copy ${what}`}
        onClick={() => void copy()}
      >
        Copy
      </button>
      <span className="copy-feedback" role="status">
        {state === 'copied'
          ? 'Copied'
          : state === 'failed'
            ? 'Copy failed: select the text and copy it'
            : ''}
      </span>
    </span>
  );
}
