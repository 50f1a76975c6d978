import {
  Component,
  lazy,
  Suspense,
  useEffect,
  useState,
  type ComponentType,
  type ReactNode,
} from 'react';

/**
 * A screen a cold start never shows, in a chunk of its own: loaded when first shown or, before
 * that, when the browser is idle (`preload`). Once loaded it renders at once, without suspending.
 */
export function lazyScreen<Props extends object>(
  load: () => Promise<ComponentType<Props>>,
): { Screen: ComponentType<Props>; preload: () => void } {
  let loaded: ComponentType<Props> | null = null;
  let pending: Promise<{ default: ComponentType<Props> }> | null = null;
  const start = (): Promise<{ default: ComponentType<Props> }> =>
    (pending ??= load().then(
      (screen) => {
        loaded = screen;
        return { default: screen };
      },
      (error: unknown) => {
        pending = null; // a later attempt (the error screen's Reload) may fetch it again
        throw error;
      },
    ));
  const Lazy = lazy(start);
  function Screen(props: Props) {
    const Loaded = loaded;
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  }
  return { Screen, preload: () => void start().catch(() => {}) };
}

/** How long a loading screen shows nothing: a fast load (the usual) never flashes a spinner. */
const FALLBACK_DELAY_MS = 150;

function LoadingScreen() {
  const [show, setShow] = useState(false);
  useEffect(() => {
    const id = window.setTimeout(() => setShow(true), FALLBACK_DELAY_MS);
    return () => window.clearTimeout(id);
  }, []);
  return show ? (
    <p role="status">
      <span className="spinner" aria-hidden="true" /> Loading…
    </p>
  ) : null;
}

/** A screen whose code could not be fetched (the server went away): say so and offer a reload. */
class ScreenLoadBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div role="alert">
        <h1 tabIndex={-1}>This screen could not load</h1>
        <p>The wizard could not fetch this screen&apos;s code. Reload to try again.</p>
        <p>
          <button type="button" className="button primary" onClick={() => location.reload()}>
            Reload
          </button>
        </p>
      </div>
    );
  }
}

export function LazyScreen({ children }: { children: ReactNode }) {
  return (
    <ScreenLoadBoundary>
      <Suspense fallback={<LoadingScreen />}>{children}</Suspense>
    </ScreenLoadBoundary>
  );
}
