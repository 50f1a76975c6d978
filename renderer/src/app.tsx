import { type StepId } from '../../electron/shared/steps';
import { ErrorBox } from './components/error-box';
import { StatusIcon } from './components/status-icon';
import { StepList } from './components/step-list';
import { ServerLostBanner } from './components/server-lost-banner';
import { WaitingBanner } from './components/waiting-banner';
import { ConnectorPage } from './home/connector-page';
import { HomeScreen } from './home/home-screen';
import { homeRequested } from './store/connector-actions';
import { wizardSelectors } from './store/selectors';
import { useWizardStore, wizardOpened } from './store/wizard-store';
import { AuthorizeStep } from './steps/authorize/authorize-step';
import { ChecklistStep } from './steps/checklist/checklist-step';
import { CreateAppStep } from './steps/create-app/create-app-step';
import { ExportStep } from './steps/export/export-step';
import { PermissionsStep } from './steps/permissions/permissions-step';
import { TargetStep } from './steps/target/target-step';
import { VerifyStep } from './steps/verify/verify-step';

function assertNever(value: never): never {
  throw new Error(`Unknown step ${String(value)}`);
}

function CurrentStep({ step }: { step: StepId }) {
  switch (step) {
    case 'target':
      return <TargetStep />;
    case 'checklist':
      return <ChecklistStep />;
    case 'create-app':
      return <CreateAppStep />;
    case 'permissions':
      return <PermissionsStep />;
    case 'authorize':
      return <AuthorizeStep />;
    case 'verify':
      return <VerifyStep />;
    case 'export':
      return <ExportStep />;
    default:
      return assertNever(step);
  }
}

export function App() {
  const boot = useWizardStore(wizardSelectors.boot);
  const session = useWizardStore(wizardSelectors.session);
  const target = useWizardStore(wizardSelectors.selectedTarget);
  const step = useWizardStore(wizardSelectors.currentStep);
  const stepTitle = useWizardStore(wizardSelectors.currentStepTitle);
  const view = useWizardStore(wizardSelectors.view);
  const connectors = useWizardStore(wizardSelectors.connectors);
  const inWizard = view.screen === 'wizard';

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {inWizard ? 'Skip to the current step' : 'Skip to the content'}
      </a>
      <header className="app-header">
        <p className="app-title">Dropbox Connector Wizard</p>
        {boot.status === 'ready' && (connectors?.length ?? 0) > 0 ? (
          <nav className="app-nav" aria-label="Wizard">
            <button
              type="button"
              className="app-nav-link"
              aria-current={view.screen === 'home' ? 'page' : undefined}
              onClick={() => void homeRequested()}
            >
              Connectors
            </button>
          </nav>
        ) : null}
        {target && inWizard ? (
          <p className="app-target">
            <span className="visually-hidden">Connector: </span>
            {target.name}
          </p>
        ) : null}
      </header>
      {session?.mode === 'browser' ? (
        <aside className="banner-landmark" aria-label="Where secrets are kept">
          <div id="storage-notice-banner" className="banner banner-info" role="note">
            <StatusIcon status="info" decorative /> {session.storage.notice}
          </div>
        </aside>
      ) : null}
      <ServerLostBanner />
      <WaitingBanner />
      {boot.status === 'loading' ? (
        <main id="main" className="boot">
          <p role="status">
            <span className="spinner" aria-hidden="true" /> Loading the wizard…
          </p>
        </main>
      ) : boot.status === 'failed' ? (
        <main id="main" className="boot">
          <h1 tabIndex={-1}>The wizard could not start</h1>
          <ErrorBox error={boot.error} />
          <p>
            <button type="button" className="button primary" onClick={() => void wizardOpened()}>
              Try again
            </button>
          </p>
        </main>
      ) : view.screen === 'home' ? (
        <main id="main" className="main home-main" aria-labelledby="home-heading">
          <HomeScreen />
        </main>
      ) : view.screen === 'connector' ? (
        <main id="main" className="main home-main" aria-label="Connector">
          <ConnectorPage key={view.connectorId} connectorId={view.connectorId} />
        </main>
      ) : (
        <div className="layout">
          <StepList />
          <main id="main" className="main" aria-label={stepTitle}>
            <CurrentStep key={step} step={step} />
          </main>
        </div>
      )}
    </div>
  );
}
