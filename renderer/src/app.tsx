import { useEffect } from 'react';
import { type StepId } from '../../electron/shared/steps';
import { ErrorBox } from './components/error-box';
import { LazyScreen, lazyScreen } from './components/lazy-screen';
import { StatusIcon } from './components/status-icon';
import { StepList } from './components/step-list';
import { ServerLostBanner } from './components/server-lost-banner';
import { WaitingBanner } from './components/waiting-banner';
import { HomeScreen } from './home/home-screen';
import { homeRequested } from './store/connector-actions';
import { wizardSelectors } from './store/selectors';
import { useWizardStore } from './store/wizard-store';
import { TargetStep } from './steps/target/target-step';
import './home/home.css';

const createApp = lazyScreen(() =>
  import('./steps/create-app/create-app-step').then((m) => m.CreateAppStep),
);
const permissions = lazyScreen(() =>
  import('./steps/permissions/permissions-step').then((m) => m.PermissionsStep),
);
const authorize = lazyScreen(() =>
  import('./steps/authorize/authorize-step').then((m) => m.AuthorizeStep),
);
const verify = lazyScreen(() => import('./steps/verify/verify-step').then((m) => m.VerifyStep));
const exportStep = lazyScreen(() => import('./steps/export/export-step').then((m) => m.ExportStep));
const checklist = lazyScreen(() =>
  import('./steps/checklist/checklist-step').then((m) => m.ChecklistStep),
);
const connectorPage = lazyScreen(() =>
  import('./home/connector-page').then((m) => m.ConnectorPage),
);

/** What may come after each screen: fetched when the browser is idle, so Continue rarely waits. */
const NEXT: Readonly<Record<StepId | 'home', readonly { preload: () => void }[]>> = {
  home: [connectorPage, createApp, checklist],
  target: [createApp, checklist],
  checklist: [exportStep],
  'create-app': [permissions],
  permissions: [authorize],
  authorize: [verify],
  verify: [exportStep],
  export: [],
};

/**
 * After the screen has been painted (a frame, then a task), when the browser is idle: compiling
 * the next chunk must never delay the frame that shows this screen.
 */
function usePrefetchAfter(screen: StepId | 'home' | null): void {
  useEffect(() => {
    if (screen === null) return;
    let cancelled = false;
    const run = (): void => {
      if (!cancelled) NEXT[screen].forEach((next) => next.preload());
    };
    const whenIdle = (): void => {
      if (typeof window.requestIdleCallback === 'function') {
        window.requestIdleCallback(run, { timeout: 2000 });
      } else {
        window.setTimeout(run, 200);
      }
    };
    window.requestAnimationFrame(() => window.setTimeout(whenIdle, 0));
    return () => {
      cancelled = true;
    };
  }, [screen]);
}

function assertNever(value: never): never {
  throw new Error(`Unknown step ${String(value)}`);
}

function CurrentStep({ step }: { step: StepId }) {
  switch (step) {
    case 'target':
      return <TargetStep />;
    case 'checklist':
      return <checklist.Screen />;
    case 'create-app':
      return <createApp.Screen />;
    case 'permissions':
      return <permissions.Screen />;
    case 'authorize':
      return <authorize.Screen />;
    case 'verify':
      return <verify.Screen />;
    case 'export':
      return <exportStep.Screen />;
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
  // Where secrets live matters only once there are some: one held for this connector, or a
  // saved connector's. Create app says it beside the secret field instead, once. A connector
  // with prerequisites only (Defender for Cloud Apps) has no secret at all: its screens stay
  // quiet about storage even when other saved connectors hold some.
  const holdsSecrets =
    session !== null &&
    !(inWizard && step === 'create-app') &&
    !(inWizard && session.plan?.flow === 'prerequisites-only') &&
    (session.secrets.appSecret !== 'none' ||
      session.secrets.refreshToken !== 'none' ||
      (connectors ?? []).some((row) => row.status !== 'setup'));
  usePrefetchAfter(
    boot.status !== 'ready' ? null : view.screen === 'home' ? 'home' : inWizard ? step : null,
  );

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
      {session?.mode === 'browser' && holdsSecrets ? (
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
            <button
              type="button"
              className="button primary"
              onClick={() => void useWizardStore.getState().wizardOpened()}
            >
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
          <LazyScreen>
            <connectorPage.Screen key={view.connectorId} connectorId={view.connectorId} />
          </LazyScreen>
        </main>
      ) : (
        <div className="layout">
          <StepList />
          <main id="main" className="main" aria-label={stepTitle}>
            <LazyScreen key={step}>
              <CurrentStep step={step} />
            </LazyScreen>
          </main>
        </div>
      )}
    </div>
  );
}
