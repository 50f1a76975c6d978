/**
 * Browser mode's connection accounting. A connection is a stranger's until a request on it
 * carries the per-launch token (the page and its assets load without it). Strangers get a short
 * grace time without a request in progress (a short header timeout) and a small share of the
 * connections; beyond the share or the cap, the oldest stranger's connection that sits between
 * requests is dropped to make room. Only when nothing can be dropped is a new connection marked
 * overflow, and its one request answered 503. So idle sockets from anyone on this machine can
 * never keep the real page out.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  readonly maxConnections: number;
  readonly maxUnauthenticated: number;
  readonly unauthenticatedIdleMs: number;
}

/** What the server knows about one connection. */
interface SocketState {
  /** A request on it carried the token: it is the page's, not a stranger's. */
  authenticated: boolean;
  /** Requests received and not yet answered. */
  active: number;
  timer: NodeJS.Timeout | null;
}

export interface ConnectionTracker {
  /** Beyond the limits with nothing to drop: answer its request 503 and close. */
  isOverflow(socket: Socket): boolean;
  /** A request on this connection carried the token. */
  authenticate(socket: Socket): void;
}

export function trackConnections(server: Server, limits: ConnectionLimits): ConnectionTracker {
  const overflow = new WeakSet<Socket>();
  const sockets = new Map<Socket, SocketState>();
  const unauthenticatedCount = (): number => {
    let n = 0;
    for (const state of sockets.values()) if (!state.authenticated) n += 1;
    return n;
  };
  /** Drops a stranger's connection that sits without a request once its grace time is up. */
  const armIdle = (socket: Socket, state: SocketState): void => {
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    if (state.authenticated || state.active > 0) return;
    state.timer = setTimeout(() => {
      if (!state.authenticated && state.active === 0) socket.destroy();
    }, limits.unauthenticatedIdleMs);
    state.timer.unref();
  };
  /** The oldest stranger's connection between requests (Map order is arrival order). */
  const evictable = (except: Socket): Socket | null => {
    for (const [socket, state] of sockets) {
      if (socket !== except && !state.authenticated && state.active === 0) return socket;
    }
    return null;
  };
  server.on('connection', (socket: Socket) => {
    const state: SocketState = { authenticated: false, active: 0, timer: null };
    sockets.set(socket, state);
    socket.once('close', () => {
      if (state.timer) clearTimeout(state.timer);
      sockets.delete(socket);
    });
    while (
      sockets.size > limits.maxConnections ||
      unauthenticatedCount() > limits.maxUnauthenticated
    ) {
      const victim = evictable(socket);
      if (!victim) break;
      sockets.delete(victim);
      victim.destroy();
    }
    if (
      sockets.size > limits.maxConnections ||
      unauthenticatedCount() > limits.maxUnauthenticated
    ) {
      overflow.add(socket);
    }
    armIdle(socket, state);
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    const state = sockets.get(socket);
    if (!state) return;
    state.active += 1;
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    res.once('close', () => {
      state.active -= 1;
      armIdle(socket, state);
    });
  });
  return {
    isOverflow: (socket) => overflow.has(socket),
    authenticate(socket) {
      const state = sockets.get(socket);
      if (state) state.authenticated = true;
    },
  };
}
