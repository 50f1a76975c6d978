import { type FormEvent, useState, useSyncExternalStore } from 'react';
import { reconnectWithAddress } from '../bridge/bridge';
import { getConnectionState, onConnectionChange } from '../bridge/connection';
import { StatusIcon } from './status-icon';

/**
 * Browser mode: the wizard's local service stopped (or was restarted with a new token). Says so,
 * and takes the new address `npm run start:browser` printed; only its token is used, and the page
 * is never reloaded, so everything typed on the current step stays where it is.
 */
export function ServerLostBanner() {
  const connection = useSyncExternalStore(onConnectionChange, getConnectionState);
  const [address, setAddress] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (connection.status === 'connected') return null;

  const reconnect = async (value: string): Promise<void> => {
    setBusy(true);
    setProblem(null);
    const outcome = await reconnectWithAddress(value);
    setBusy(false);
    if (outcome.ok) {
      // The address carries the token: do not keep it in the field once it has been used.
      setAddress('');
    } else {
      setProblem(outcome.message);
    }
  };
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    void reconnect(address);
  };

  return (
    <section
      id="server-lost-banner"
      className="banner banner-warn"
      aria-labelledby="server-lost-title"
    >
      {/* Announced once when it appears; the form below is not part of the announcement. */}
      <div role="alert">
        <h2 id="server-lost-title">
          <StatusIcon status="warn" decorative /> The wizard&apos;s local service stopped
        </h2>
      </div>
      <p>
        {connection.reason === 'unauthorized'
          ? 'It was restarted and printed a new address, so this page is no longer signed in to it.'
          : 'This page cannot reach it.'}{' '}
        Start it again with <code>npm run start:browser</code> if it is not running, then paste the
        address it prints (it ends with <code>#token=…</code>) here: the page reconnects at once.
        What you typed on this page is kept.
      </p>
      <form className="field" onSubmit={submit}>
        <label htmlFor="server-lost-address">New address</label>
        <input
          id="server-lost-address"
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="http://127.0.0.1:…/#token=…"
          value={address}
          onChange={(event) => setAddress(event.target.value)}
          onPaste={(event) => {
            // A pasted address with its token is a finished value: reconnect at once.
            const pasted = event.clipboardData.getData('text').trim();
            if (!pasted.includes('#token=') || busy) return;
            event.preventDefault();
            setAddress(pasted);
            void reconnect(pasted);
          }}
          aria-describedby={problem ? 'server-lost-problem' : undefined}
        />
        <div className="button-row">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Reconnecting…' : 'Reconnect'}
          </button>
        </div>
        {problem ? (
          <div id="server-lost-problem" className="field-error" role="alert">
            {problem}
          </div>
        ) : null}
      </form>
    </section>
  );
}
