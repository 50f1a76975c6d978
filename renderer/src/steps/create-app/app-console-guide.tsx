import type { ReactNode } from 'react';
import type {
  ConnectorPlan,
  SessionSnapshot,
  TargetProfile,
} from '../../../../electron/shared/contract';
import { CopyButton } from '../../components/copy-button';
import { StatusIcon } from '../../components/status-icon';
import { useWizardStore } from '../../store/wizard-store';
import { ACCESS_CONSOLE_WORDING, ACCESS_SHORT, ILLUSTRATIONS, Illustration } from './illustrations';
import { RedirectUrisGuideStep } from './redirect-uris-guide-step';

interface AppConsoleGuideProps {
  readonly session: SessionSnapshot;
  readonly target: TargetProfile;
  readonly plan: ConnectorPlan;
  readonly noRedirectUri: boolean;
  readonly onNoRedirectUriChange: (noRedirectUri: boolean) => void;
}

/** One guide line whose exact labels (and a drawing of the screen) open in place. */
function Folded({ summary, children }: { summary: ReactNode; children: ReactNode }) {
  return (
    <li className="guide-step">
      <details className="guide-more">
        <summary>{summary}</summary>
        {children}
      </details>
    </li>
  );
}

/** "Do this in Dropbox": the App Console steps, one line each, the notes folded. */
export function AppConsoleGuide({ session, target, plan, ...redirect }: AppConsoleGuideProps) {
  const teamAdmin = plan.accountType === 'team_admin';
  const notes = target.appConsole.notes;
  return (
    <section className="guide" aria-labelledby="guide-heading">
      <div className="guide-head">
        <h2 id="guide-heading">Do this in Dropbox</h2>
        <button
          type="button"
          className="button small"
          onClick={() => void useWizardStore.getState().appConsoleRequested()}
          title={session.appConsoleUrl}
        >
          Open App Console
        </button>
      </div>
      {target.appConsole.warning ? (
        <p className="guide-warning" role="note" aria-label={`Before you set up ${target.name}`}>
          <StatusIcon status="warn" decorative /> {target.appConsole.warning}
        </p>
      ) : null}
      {notes.length > 0 ? (
        <details className="guide-notes">
          <summary>
            <StatusIcon status="info" decorative /> About {target.name} ({notes.length}{' '}
            {notes.length === 1 ? 'note' : 'notes'})
          </summary>
          <ul className="notes" aria-label={`About ${target.name}`}>
            {notes.map((note) => (
              <li key={note} className="note">
                {note}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <ol className="guide-steps">
        <Folded
          summary={
            <>
              Sign in
              {teamAdmin ? (
                <>
                  {' '}
                  as a <strong>team admin</strong>
                </>
              ) : null}{' '}
              and press <strong>Create app</strong>.
            </>
          }
        >
          {teamAdmin ? (
            <p>
              {target.scopes.editable ? 'The team scopes you ticked read' : `${target.name} reads`}{' '}
              team data, which only a <strong>team admin</strong> of your Dropbox team can approve.
              Use a team admin account here and again when you authorize.
            </p>
          ) : null}
          <p className="muted">
            The App Console is at <span className="mono">{session.appConsoleUrl}</span>
          </p>
        </Folded>
        <Folded
          summary={
            <>
              Choose <strong>Scoped access</strong> and{' '}
              <strong>{ACCESS_SHORT[target.access]}</strong>.
            </>
          }
        >
          <Illustration
            src={
              target.access === 'full_dropbox'
                ? ILLUSTRATIONS.createFullDropbox
                : ILLUSTRATIONS.createAppFolder
            }
            alt={`Drawing of the App Console's Create a new app form: under Choose an API select Scoped access, under Choose the type of access select ${ACCESS_SHORT[target.access]}, name the app, then press Create app.`}
          />
          <p>
            Under <em>Choose an API</em>: <strong>Scoped access</strong>. Under{' '}
            <em>Choose the type of access you need</em>:{' '}
            <strong>{ACCESS_CONSOLE_WORDING[target.access]}</strong>.
            {target.access === 'full_dropbox' ? null : (
              <span className="muted">
                {' '}
                The access type cannot be changed after the app is created.
              </span>
            )}
          </p>
        </Folded>
        <li className="guide-step">
          <div className="guide-line">
            <span>Name it</span>
            <code className="copy-value">{target.appConsole.suggestedName}</code>
            <CopyButton value={target.appConsole.suggestedName} what="suggested app name" />
          </div>
        </li>
        <Folded
          summary={
            <>
              Press <strong>Create app</strong>: the app&apos;s <strong>Settings</strong> tab opens.
            </>
          }
        >
          <p>
            The name must be unique across Dropbox: if Dropbox says it is taken, add your
            company&apos;s name and press <strong>Create app</strong> again.
          </p>
        </Folded>
        {target.appConsole.settings
          .filter((setting) => !/^Choose (an API|the type of access)/.test(setting.name))
          .map((setting) => {
            const line = (
              <>
                Set <em>{setting.name}</em> to <strong>{setting.value}</strong>.
              </>
            );
            return setting.why ? (
              <Folded key={setting.name} summary={line}>
                <p>{setting.why}</p>
              </Folded>
            ) : (
              <li key={setting.name} className="guide-step">
                <div className="guide-line">
                  <span>{line}</span>
                </div>
              </li>
            );
          })}
        <RedirectUrisGuideStep
          target={target}
          plan={plan}
          redirectUris={session.redirectUris}
          {...redirect}
        />
        <Folded
          summary={
            <>
              Copy <strong>App key</strong> and <strong>App secret</strong> (press <em>Show</em>)
              into the fields.
            </>
          }
        >
          <Illustration
            src={ILLUSTRATIONS.settingsKeys}
            alt="Drawing of the app's Settings tab: copy the App key, press Show next to App secret and copy it, then paste both into the fields beside this guide."
          />
          <p>Both are on the Settings tab. Pasting the secret checks both with Dropbox at once.</p>
        </Folded>
      </ol>
    </section>
  );
}
