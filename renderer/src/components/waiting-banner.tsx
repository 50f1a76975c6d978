import { useEffect, useState } from 'react';
import { wizardSelectors } from '../store/selectors';
import { useWizardStore, waitingEnded } from '../store/wizard-store';

function secondsLeft(retryAt: number, now: number): number {
  return Math.max(0, Math.ceil((retryAt - now) / 1000));
}

/** "Retrying in N s" while core waits out a 429 or an outage; gone once the time is up. */
export function WaitingBanner() {
  const waiting = useWizardStore(wizardSelectors.waiting);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!waiting) return undefined;
    setNow(Date.now());
    const tick = window.setInterval(() => {
      setNow(Date.now());
      // A short grace period so the banner does not flicker off just before the retry reports.
      if (Date.now() > waiting.retryAt + 1500) waitingEnded();
    }, 500);
    return () => window.clearInterval(tick);
  }, [waiting]);

  const left = waiting ? secondsLeft(waiting.retryAt, now) : 0;
  const text = !waiting
    ? ''
    : waiting.reason === 'rate_limited'
      ? `Dropbox asked us to slow down — retrying in ${left} s`
      : `Dropbox is not answering — retrying in ${left} s`;

  // The live region stays mounted so screen readers announce the first message too.
  return (
    <div className={waiting ? 'banner banner-warn' : 'banner-empty'} role="status" aria-live="polite">
      {waiting ? (
        <>
          <span className="status-icon status-warn" aria-hidden="true">
            !
          </span>{' '}
          {text}
        </>
      ) : null}
    </div>
  );
}
