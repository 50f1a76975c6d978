import { wizardSelectors } from '../../store/selectors';
import { useWizardStore } from '../../store/wizard-store';

/**
 * App-only products sign in by themselves, through their own redirect URI. When the admin set up
 * the test sign-in the loopback way, the wizard's redirect URIs are still on the app; the product
 * never uses them, so the finish screen says they can go. Core decides when (plan
 * `wizardRedirectUrisRemovable`); nothing shows for the shown-code test, which adds none.
 */
export function RemovableRedirectUris() {
  const session = useWizardStore(wizardSelectors.session);
  const target = useWizardStore(wizardSelectors.selectedTarget);
  const plan = useWizardStore(wizardSelectors.plan);
  if (!session || !target || !plan?.wizardRedirectUrisRemovable) return null;
  const uris = session.redirectUris;
  if (uris.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="removable-uris-heading">
      <h2 id="removable-uris-heading">Tidy up the app</h2>
      <p>
        {target.name} does not use the wizard&apos;s redirect {uris.length > 1 ? 'URIs' : 'URI'}.
        Now that the test sign-in is done, you can remove {uris.length > 1 ? 'them' : 'it'} in the
        App Console under your app → Settings → OAuth 2 → Redirect URIs. Keep {target.name}&apos;s
        own.
      </p>
      <ul className="uri-list" aria-label="Redirect URIs you can remove">
        {uris.map((uri) => (
          <li key={uri}>
            <code>{uri}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
