/**
 * The page's entry, kept tiny on purpose: it starts the first screen's read-only calls at once,
 * so their round trips run while the browser still downloads and parses React and the wizard
 * (a separate chunk, preloaded from index.html), instead of after.
 */
import { prefetchBridgeCalls } from './bridge/bridge';
// The frame and the controls every screen uses, in cascade order; each screen brings its own.
import './styles/tokens.css';
import './styles/frame.css';
import './styles/controls.css';
import './styles/status.css';
import './styles/shared.css';
import './styles/desktop.css';

/** How long the first render waits for the session, to show the wizard instead of a spinner. */
const FIRST_RENDER_WAIT_MS = 300;

prefetchBridgeCalls(['getSession', 'listTargets', 'listScopes', 'listConnectors']);

async function start(container: HTMLElement): Promise<void> {
  const [{ StrictMode, createElement }, { createRoot }, { App }, { useWizardStore }] =
    await Promise.all([
      import('react'),
      import('react-dom/client'),
      import('./app'),
      import('./store/wizard-store'),
    ]);
  // Usually the answers are already here: render once, with them, rather than a loading state
  // and then the wizard. A slow service still gets the spinner after a moment.
  const opened = useWizardStore.getState().wizardOpened();
  await Promise.race([
    opened,
    new Promise((resolve) => window.setTimeout(resolve, FIRST_RENDER_WAIT_MS)),
  ]);
  // createElement, not JSX: JSX would pull React's runtime into this small entry.
  createRoot(container).render(createElement(StrictMode, null, createElement(App)));
}

const container = document.getElementById('root');
if (container) void start(container);
