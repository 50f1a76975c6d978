import type { RefObject } from 'react';
import { PASTED_VALUE_INPUT } from '../../lib/pasted-value-input';

interface CodeEntryPanelProps {
  /** Opened from the waiting hints (a redirect sign-in), not the "Dropbox showed me a code" way. */
  readonly pasting: boolean;
  readonly inWindow: boolean;
  readonly code: string;
  readonly onCodeChange: (code: string) => void;
  /** A pasted code is exchanged at once, as a pasted App secret is checked at once. */
  readonly onCodePasted: (code: string) => void;
  readonly codeRef: RefObject<HTMLInputElement | null>;
}

/** Where the admin pastes the code Dropbox showed (or the whole address it ended on). */
export function CodeEntryPanel({
  pasting,
  inWindow,
  code,
  onCodeChange,
  onCodePasted,
  codeRef,
}: CodeEntryPanelProps) {
  return (
    <section className="panel" aria-labelledby="code-heading">
      <h2 id="code-heading">Paste the code</h2>
      {pasting ? (
        <p>
          Paste the code Dropbox shows, or the whole address from the{' '}
          {inWindow ? 'sign-in window' : "Dropbox tab's address bar"} if the page there did not
          load.
        </p>
      ) : (
        <p>
          Sign in, press Allow, and copy the code Dropbox shows. It works once and expires within
          minutes.
        </p>
      )}
      <div className="field">
        <label htmlFor="authorization-code">Authorization code</label>
        <input
          id="authorization-code"
          ref={codeRef}
          type="text"
          className="mono"
          value={code}
          onChange={(event) => onCodeChange(event.target.value)}
          onPaste={(event) => {
            const pasted = event.clipboardData.getData('text').trim();
            if (!pasted) return;
            event.preventDefault();
            onCodePasted(pasted);
          }}
          {...PASTED_VALUE_INPUT}
        />
      </div>
      <p className="muted">Paste it: the wizard exchanges it at once (or press Continue).</p>
    </section>
  );
}
