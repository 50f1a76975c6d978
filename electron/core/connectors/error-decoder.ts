/**
 * The error decoder: the admin pastes the error text their product shows (a JSON body, a log
 * line, an HTTP error, an SDK exception string) and gets every cause recognised in it, most
 * specific first, each with the step that fixes it and the connector check that confirms it.
 *
 * Nothing from the pasted text is ever returned: it may hold a token. `recognised` quotes the
 * rules' own list of phrases (error-decoder-rules-*.ts), and the one value taken from the text, a
 * scope id, is returned only after it is found in the scope catalogue
 * (electron/core/targets/scopes.ts).
 *
 * Matching is on a normalised copy: JSON, HTML and URL escaping undone, curly quotes made straight,
 * lower case, whitespace collapsed. Input longer than MAX_INPUT_CHARS keeps only its head and tail
 * (an error is usually at the start of a message or at the end of a log).
 */
import type { ConnectorSummary, DecodedError } from '../../shared/contract';
import { isKnownScope } from '../targets/scopes';
import type { Pattern, Rule } from './error-decoder-patterns';
import { SETUP_RULES } from './error-decoder-rules-setup';
import { TOKEN_RULES } from './error-decoder-rules-tokens';

/** Text beyond this many characters is cut before matching (head and tail kept, half each). */
export const MAX_INPUT_CHARS = 20 * 1024;

/**
 * Most specific first. A rule's `covers` removes the general rules it fully explains, so
 * "refresh token is invalid or revoked" is not also reported as a bare `invalid_grant`.
 */
const RULES: readonly Rule[] = [...TOKEN_RULES, ...SETUP_RULES];

/** Undoes the escaping a pasted error usually carries, so phrases match; lower case, one space. */
export function normaliseErrorText(raw: string): string {
  const half = MAX_INPUT_CHARS / 2;
  let text = raw.length > MAX_INPUT_CHARS ? `${raw.slice(0, half)}\n${raw.slice(-half)}` : raw;
  text = text
    // `(?<!\\)`: a run of backslashes is tried from its first one only (linear, not quadratic).
    .replace(/(?<!\\)\\+u([0-9a-fA-F]{4})/g, (_m, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    )
    .replace(/(?<!\\)\\+[nrt]/g, ' ')
    .replace(/(?<!\\)\\+(["'/\\])/g, '$1')
    .replace(/&(?:quot|#34|#x22);/gi, '"')
    .replace(/&(?:apos|#39|#x27);/gi, "'")
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&amp;/gi, '&')
    .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u2033]/g, '"')
    .replace(/%([0-9a-fA-F]{2})/g, (m, hex: string) => {
      const code = parseInt(hex, 16);
      return code >= 0x20 && code < 0x7f ? String.fromCharCode(code) : m;
    })
    .replace(/\+/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ');
  return text;
}

/** The first scope id the text names (required_scope, "required scope 'x'", missing_scope: x) that the catalogue knows. */
function namedScope(text: string): string | undefined {
  const patterns = [
    /required[ _]scope\W{0,6}([a-z_]+(?:\.[a-z_]+)+)/g,
    /missing[ _]scope\W{0,6}([a-z_]+(?:\.[a-z_]+)+)/g,
  ];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const id = match[1];
      if (id !== undefined && isKnownScope(id)) return id;
    }
  }
  return undefined;
}

function firstMatch(rule: Rule, text: string): Pattern | undefined {
  return rule.patterns.find((pattern) =>
    typeof pattern.test === 'function' ? pattern.test(text) : pattern.test.test(text),
  );
}

/**
 * Every cause recognised in the pasted text, most specific first; [] when nothing is recognised.
 * Never returns any part of the text except a scope id found in the scope catalogue.
 */
export function decodeProductError(text: string): DecodedError[] {
  if (typeof text !== 'string' || text.trim() === '') return [];
  const normalised = normaliseErrorText(text);
  const matched: { rule: Rule; pattern: Pattern }[] = [];
  for (const rule of RULES) {
    const pattern = firstMatch(rule, normalised);
    if (pattern) matched.push({ rule, pattern });
  }
  const covered = new Set(matched.flatMap(({ rule }) => rule.covers ?? []));
  const scope = matched.some(({ rule }) => rule.extractsScope) ? namedScope(normalised) : undefined;
  return matched
    .filter(({ rule }) => !covered.has(rule.id))
    .map(({ rule, pattern }) => {
      const ruleScope = rule.extractsScope ? scope : undefined;
      const fix = typeof rule.fix === 'function' ? rule.fix(ruleScope) : rule.fix;
      return {
        id: rule.id,
        recognised: pattern.phrase,
        cause: rule.cause,
        fix,
        code: rule.code,
        action: rule.action,
        check: rule.check,
        ...(ruleScope !== undefined ? { scope: ruleScope } : {}),
      };
    });
}

/** The ids the decoder knows, most specific first (for the README and tests). */
export const DECODER_RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);

/**
 * On a connector's page the decoder also knows the connector's last check: its first cause (a
 * revoked token, an unticked scope) is added as a match, and is the answer when the pasted text
 * is not recognised. Core's words only; the pasted text is never echoed.
 */
export function combineWithLastCheck(
  matches: readonly DecodedError[],
  connector: Pick<ConnectorSummary, 'status' | 'cause' | 'lastChecked'> | null,
): DecodedError[] {
  const cause = connector?.cause;
  // Only a found problem, or the secrets not being held, says something about a pasted error.
  const telling = connector?.status === 'failing' || connector?.status === 'secret_not_held';
  if (!connector || !cause || !telling) return [...matches];
  const when = connector.lastChecked
    ? `${connector.lastChecked.slice(0, 16).replace('T', ' ')} UTC`
    : 'its last check';
  const action: DecodedError['action'] =
    cause.action === 'reconnect'
      ? 'authorize_again'
      : cause.action === 'import_file' || cause.action === 'test_authorization'
        ? null
        : cause.action;
  const fromCheck: DecodedError = {
    id: 'connector_last_check',
    recognised: `this connector’s last check (${when})`,
    cause: cause.what,
    fix: cause.fix,
    code: null,
    action,
    check: null,
  };
  return [...matches, fromCheck];
}
