/**
 * Reading token endpoint replies: the raw HttpReply as a fetch Response for oauth4webapi, a
 * lenient JSON object parse, and the TokenSet built from a successful code exchange.
 */
import type { TokenKind } from '../../shared/contract';
import { failure } from '../failure';
import type { HttpReply } from './http';

export interface TokenSet {
  readonly accessToken: string;
  readonly refreshToken: string | null;
  readonly expiresIn: number | null;
  /** Granted scopes, sorted. */
  readonly scopes: string[];
  /** Dropbox's `uid`: a decimal string for users, "" for team tokens. */
  readonly uid: string;
  readonly accountId: string | null;
  readonly teamId: string | null;
  readonly tokenKind: TokenKind;
}

export function toResponse(reply: HttpReply): Response {
  const nullBody = reply.status === 204 || reply.status === 205 || reply.status === 304;
  return new Response(nullBody ? null : reply.text, {
    status: reply.status,
    headers: reply.headers,
  });
}

export function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

export function splitScopes(scope: unknown): string[] {
  if (typeof scope !== 'string') return [];
  return [...new Set(scope.split(/\s+/).filter(Boolean))].sort();
}

export function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

export function optionalSeconds(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;
}

export function toTokenSet(json: Record<string, unknown>): TokenSet {
  const accountId = optionalString(json.account_id);
  const teamId = optionalString(json.team_id);
  const uid =
    typeof json.uid === 'string'
      ? json.uid
      : typeof json.uid === 'number'
        ? String(json.uid)
        : null;
  if (!accountId && !teamId && uid === null) {
    throw failure(
      'unexpected_reply',
      "Dropbox's token reply named neither an account nor a team.",
      'Sign in again. If it repeats, report it.',
      { detail: 'token reply without uid, account_id and team_id', action: 'authorize_again' },
    );
  }
  // A team token has team_id and uid "" ("The OAuth response/redirect will include an
  // additional team_id field"; Dropbox's teams documentation).
  const tokenKind: TokenKind = teamId || (!accountId && uid === '') ? 'team' : 'user';
  return {
    accessToken: json.access_token as string,
    refreshToken: optionalString(json.refresh_token),
    expiresIn: optionalSeconds(json.expires_in),
    scopes: splitScopes(json.scope),
    uid: uid ?? '',
    accountId,
    teamId,
    tokenKind,
  };
}
