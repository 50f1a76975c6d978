import type { ScopeInfo } from '../../../../electron/shared/contract';
import './permissions-tab-drawing.css';

/**
 * A drawing of the App Console's Permissions tab with this product's own scopes ticked and
 * Submit marked (drawn by the page, not a capture of Dropbox's, so it always matches the list).
 */
export function PermissionsTabDrawing({ scopes }: { scopes: readonly ScopeInfo[] }) {
  const shown = scopes.slice(0, 6);
  const more = scopes.length - shown.length;
  return (
    <figure className="illustration-figure">
      <div
        className="console-drawing"
        role="img"
        aria-label={`Drawing of the app's Permissions tab: ${scopes.map((s) => s.id).join(', ')} ticked, then Submit pressed at the bottom of the tab.`}
      >
        <div className="console-drawing-tabs" aria-hidden="true">
          <span>Settings</span>
          <span className="console-drawing-current">Permissions</span>
          <span>Branding</span>
        </div>
        <ul className="console-drawing-scopes" aria-hidden="true">
          {shown.map((scope) => (
            <li key={scope.id}>
              <span className="console-drawing-box">✓</span>
              <span className="mono">{scope.id}</span>
            </li>
          ))}
          {more > 0 ? <li className="muted">… and {more} more</li> : null}
        </ul>
        <span className="console-drawing-submit" aria-hidden="true">
          Submit
        </span>
      </div>
      <figcaption className="muted small-print">
        Your app → <strong>Permissions</strong>: tick, then <strong>Submit</strong>.
      </figcaption>
    </figure>
  );
}
