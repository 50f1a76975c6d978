/** How the scope picker groups and filters scopes: display only, no rule of core's. */
import type { ScopeInfo } from '../../../electron/shared/contract';

/**
 * Headings for the picker, keyed by the word before a scope id's first dot (read from the id at
 * run time: display only, no rule). In this order; anything unknown goes under "Other".
 */
export const TOPICS: readonly (readonly [string, string])[] = [
  ['account', 'Account'],
  ['files', 'Files and folders'],
  ['sharing', 'Sharing'],
  ['file_requests', 'File requests'],
  ['contacts', 'Contacts'],
  ['team_info', 'Team information'],
  ['members', 'Team members'],
  ['team_data', 'Team data'],
  ['groups', 'Groups'],
  ['sessions', 'Sessions'],
  ['events', 'Activity log'],
  ['other', 'Other'],
];
const KNOWN_TOPICS = new Set(TOPICS.map(([key]) => key));
/** Sign-in words (OpenID) and the account's own info read as "Account". */
const ACCOUNT_WORDS = new Set(['account_info', 'openid', 'email', 'profile']);

export function topicOf(scope: ScopeInfo): string {
  const word = scope.id.split('.')[0] ?? '';
  if (ACCOUNT_WORDS.has(word)) return 'account';
  // Team-wide folder structure is the team's data, not one account's files.
  if (word === 'files' && scope.group === 'team') return 'team_data';
  return KNOWN_TOPICS.has(word) ? word : 'other';
}

export function matches(scope: ScopeInfo, query: string): boolean {
  if (!query) return true;
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const text = `${scope.id} ${scope.meaning}`.toLowerCase();
  return words.every((word) => text.includes(word));
}
