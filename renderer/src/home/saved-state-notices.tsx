import { useState } from 'react';
import { StatusIcon } from '../components/status-icon';
import { wizardSelectors } from '../store/selectors';
import { useWizardStore } from '../store/wizard-store';

/**
 * What core could not read from the saved state when it started (a whole file kept aside, or
 * connector records kept in the file unread), each with where it is kept and the fix. Shown on
 * the home screen until the admin dismisses it; dismissed ones stay away for this window.
 */
const dismissed = new Set<string>();

export function SavedStateNotices() {
  const notices = useWizardStore((s) => wizardSelectors.session(s)?.savedStateNotices);
  const [, redraw] = useState(0);
  const shown = (notices ?? []).filter((notice) => !dismissed.has(notice));
  if (shown.length === 0) return null;
  return (
    <>
      {shown.map((notice) => (
        <div key={notice} className="panel saved-state-notice" role="note">
          <p>
            <StatusIcon status="warn" decorative /> {notice}
          </p>
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              dismissed.add(notice);
              redraw((n) => n + 1);
            }}
          >
            Dismiss
          </button>
        </div>
      ))}
    </>
  );
}
