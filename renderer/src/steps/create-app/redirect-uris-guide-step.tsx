import type { ConnectorPlan, TargetProfile } from '../../../../electron/shared/contract';
import { productNounAtStart } from '../../lib/product-noun';
import { CopyButton } from '../../components/copy-button';
import { ILLUSTRATIONS, Illustration } from './illustrations';

interface RedirectUrisGuideStepProps {
  readonly target: TargetProfile;
  readonly plan: ConnectorPlan;
  /** The wizard's own loopback addresses (the first is the default). */
  readonly redirectUris: readonly string[];
  readonly noRedirectUri: boolean;
  readonly onNoRedirectUriChange: (noRedirectUri: boolean) => void;
}

function UriList({ uris, label }: { uris: readonly string[]; label: string }) {
  return (
    <ul className="uri-list" aria-label={label}>
      {uris.map((uri) => (
        <li key={uri} className="copy-row">
          <code className="copy-value">{uri}</code>
          <CopyButton value={uri} what={`redirect URI ${uri}`} />
        </li>
      ))}
    </ul>
  );
}

/** The guide's redirect URI step: the wizard's addresses, the product's own, or none at all. */
export function RedirectUrisGuideStep(props: RedirectUrisGuideStepProps) {
  const { target, plan, redirectUris, noRedirectUri } = props;
  const productUris = plan.productRedirectUris;
  const appOnly = plan.flow === 'app-only';
  return (
    <li className="guide-step">
      {noRedirectUri ? (
        <div className="guide-line">
          <span>
            Redirect URIs:{' '}
            <span id="no-redirect-note" className="guide-skip">
              {appOnly
                ? 'None for the wizard: its test sign-in shows a code you paste.'
                : 'Not needed: you will paste the code Dropbox shows.'}
            </span>
          </span>
        </div>
      ) : (
        <details className="guide-more">
          <summary>
            Add {redirectUris.length > 1 ? 'these redirect URIs' : 'this redirect URI'} under{' '}
            <strong>OAuth 2 → Redirect URIs</strong>.
          </summary>
          <Illustration
            src={ILLUSTRATIONS.settingsRedirectUris}
            alt="Drawing of the app's Settings tab: under OAuth 2, paste each address into the Redirect URIs box and press Add."
          />
          <p>
            Paste each address and press <strong>Add</strong>.
            {redirectUris.length > 1
              ? ' The wizard uses the first; add them all, so a busy port never blocks you.'
              : null}
          </p>
        </details>
      )}
      {noRedirectUri ? null : <UriList uris={redirectUris} label="Redirect URIs to register" />}
      {productUris.length > 0 ? (
        <>
          <p className="guide-sub">
            {productNounAtStart(target)} signs in to Dropbox by itself: add{' '}
            {productUris.length > 1 ? 'these redirect URIs' : 'its redirect URI'}
            {noRedirectUri ? '' : ' too'}
            {appOnly ? ' (the wizard checks that Dropbox accepts it)' : ''}.
          </p>
          <UriList uris={productUris} label={`${target.name} redirect URIs`} />
        </>
      ) : null}
      <div className="checkbox-field guide-check">
        <input
          id="no-redirect-uri"
          type="checkbox"
          checked={noRedirectUri}
          onChange={(event) => props.onNoRedirectUriChange(event.target.checked)}
          aria-describedby={noRedirectUri ? 'no-redirect-note' : undefined}
        />
        <label htmlFor="no-redirect-uri">
          {appOnly
            ? 'Test with the code Dropbox shows: the wizard needs no redirect URI on the app'
            : "I can't register a redirect URI: I will paste the code Dropbox shows instead"}
        </label>
      </div>
    </li>
  );
}
