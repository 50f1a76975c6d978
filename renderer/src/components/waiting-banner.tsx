import { useEffect, useState } from 'react';
import { wizardSelectors } from '../store/selectors';
import type { WaitingNotice } from '../store/session-slice';
import { useWizardStore } from '../store/wizard-store';
import { StatusIcon } from './status-icon';

function secondsLeft(retryAt: number, now: number): number {
  return Math.max(0, Math.ceil((retryAt - now) / 1000));
}

/** "Retrying in N s" while core waits out a 429 or an outage; gone once the time is up. */
export function WaitingBanner() {
  const waiting = useWizardStore(wizardSelectors.waiting);
  // The live region stays mounted so screen readers announce the first message too.
  return (
    <div
      className={waiting ? 'banner banner-warn' : 'banner-empty'}
      role="status"
      aria-live="polite"
    >
      {waiting ? (
        <>
          <StatusIcon status="warn" decorative /> <RetryCountdown waiting={waiting} />
        </>
      ) : null}
    </div>
  );
}

/**
 * The countdown sentence itself, also repeated next to a step's Continue (where the admin is
 * looking while the call runs). Keyed by the event, so each new wait starts its own clock.
 */
export function RetryCountdown({ waiting }: { waiting: WaitingNotice }) {
  return <Countdown key={`${waiting.retryAt}-${waiting.attempt}`} waiting={waiting} />;
}

function Countdown({ waiting }: { waiting: WaitingNotice }) {
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const tick = window.setInterval(() => {
      const current = Date.now();
      setNow(current);
      // A short grace period so the text does not flicker off just before the retry reports.
      if (current > waiting.retryAt + 1500) useWizardStore.getState().waitingEnded();
    }, 500);
    return () => window.clearInterval(tick);
  }, [waiting]);

  const left = secondsLeft(waiting.retryAt, now);
  return (
    <>
      {waiting.reason === 'rate_limited'
        ? `Dropbox asked us to slow down — retrying in ${left} s`
        : `Dropbox is not answering — retrying in ${left} s`}
    </>
  );
}
