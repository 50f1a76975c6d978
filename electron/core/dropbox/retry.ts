/**
 * Retry policy for calls that are safe to repeat. Dropbox asks clients to honour `Retry-After` on
 * 429 ("Rate limited responses always include a Retry-After header": Dropbox's performance
 * guide, quoted in rdrop2#202); 5xx and network failures get a short bounded exponential backoff. A call
 * that is not idempotent (the single-use code exchange) is never repeated: the first 429, 5xx or
 * network failure is final, because a code the server may already have consumed cannot be sent
 * again.
 *
 * Before every wait `onWait` reports when the next attempt starts, so the UI shows a countdown
 * instead of a frozen spinner.
 */
import {
  DEFAULT_RETRY_POLICY,
  realSleep,
  type DropboxContext,
  type RetryPolicy,
  type WaitInfo,
} from './context';
import { failure, type WizardFailure } from '../failure';
import {
  describeReply,
  networkFailure,
  NetworkProblem,
  sendOnce,
  type HttpReply,
  type HttpRequest,
} from './http';

export function resolvePolicy(ctx: DropboxContext): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...ctx.retry };
}

/** 500 ms, 1 s, 2 s, … capped. `retryNumber` 1 is the first retry. */
export function backoffMs(retryNumber: number, policy: RetryPolicy): number {
  return Math.min(policy.baseDelayMs * 2 ** (retryNumber - 1), policy.maxBackoffMs);
}

/**
 * Seconds the server asked us to wait: the `Retry-After` header (delta-seconds or an HTTP date),
 * else the JSON body's `error.retry_after` (Dropbox's RateLimitError). Null when neither is usable.
 */
export function parseRetryAfterSeconds(reply: HttpReply, nowMs: number): number | null {
  const header = reply.headers.get('retry-after')?.trim();
  if (header) {
    if (/^\d+(\.\d+)?$/.test(header)) return Math.ceil(Number(header));
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - nowMs) / 1000));
  }
  try {
    const body = JSON.parse(reply.text) as { error?: { retry_after?: unknown } };
    const value = body?.error?.retry_after;
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return Math.ceil(value);
  } catch {
    // Not JSON: no body hint.
  }
  return null;
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

export interface SendOptions {
  readonly idempotent: boolean;
}

function statusFailure(
  reply: HttpReply,
  operation: string,
  attempts: number,
  nowMs: number,
): WizardFailure {
  const tried = attempts > 1 ? `; tried ${attempts} times` : '';
  const base = describeReply(operation, reply.status, reply.requestId);
  if (reply.status === 429) {
    const retryAfter = parseRetryAfterSeconds(reply, nowMs);
    const wait = retryAfter !== null ? `about ${retryAfter} seconds` : 'a minute';
    return failure(
      'rate_limited',
      'Dropbox is limiting how fast this app may make requests right now.',
      `Wait ${wait}, then press Try again. Nothing you entered is lost.`,
      {
        detail: `${base}${retryAfter !== null ? `, Retry-After ${retryAfter} s` : ''}${tried}`,
        action: 'retry',
        ...(retryAfter !== null ? { retryAfterSeconds: retryAfter } : {}),
      },
    );
  }
  return failure(
    'dropbox_unavailable',
    `Dropbox answered with a server error (HTTP ${reply.status}).`,
    'Dropbox may be having a temporary problem. Wait a minute and press Try again; if it keeps happening, check status.dropbox.com.',
    { detail: `${base}${tried}`, action: 'retry' },
  );
}

/**
 * Sends the request, repeating it per the policy when `idempotent`. Returns any reply that is not
 * 429/5xx; throws WizardFailure `rate_limited`, `dropbox_unavailable` or `offline` (action
 * 'retry') when the attempts are used up, or at once for a non-idempotent call.
 */
export async function send(
  ctx: DropboxContext,
  req: HttpRequest,
  opts: SendOptions,
): Promise<HttpReply> {
  const policy = resolvePolicy(ctx);
  const now = ctx.now ?? Date.now;
  const sleep = ctx.sleep ?? realSleep;
  const maxAttempts = opts.idempotent ? Math.max(1, policy.maxAttempts) : 1;

  for (let attempt = 1; ; attempt += 1) {
    let reply: HttpReply | null = null;
    let problem: NetworkProblem | null = null;
    try {
      reply = await sendOnce(ctx, req);
    } catch (err) {
      if (!(err instanceof NetworkProblem)) throw err;
      problem = err;
    }

    if (reply && !isRetryableStatus(reply.status)) return reply;
    if (attempt >= maxAttempts) {
      if (problem) throw networkFailure(problem, req.operation, attempt);
      throw statusFailure(reply as HttpReply, req.operation, attempt, now());
    }

    let delayMs = backoffMs(attempt, policy);
    let reason: WaitInfo['reason'];
    if (problem) {
      reason = problem.kind;
    } else {
      const r = reply as HttpReply;
      reason = r.status === 429 ? 'rate_limited' : 'dropbox_unavailable';
      const retryAfter = parseRetryAfterSeconds(r, now());
      if (retryAfter !== null) {
        delayMs = Math.min(retryAfter * 1000, policy.maxRetryAfterMs);
      } else if (r.status === 429) {
        // Dropbox's RateLimitError defaults retry_after to 1 s when it sends none.
        delayMs = Math.max(delayMs, 1000);
      }
    }
    ctx.onWait?.({
      reason,
      operation: req.operation,
      retryAt: now() + delayMs,
      attempt: attempt + 1,
    });
    await sleep(delayMs);
  }
}
