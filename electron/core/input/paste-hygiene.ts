/**
 * Cleans what the admin pastes into the App key, App secret and authorization code boxes, and
 * recognises values that clearly belong somewhere else (an access token, a refresh token, a code,
 * a web address). Copying from the App Console, a PDF or a chat window drags in newlines,
 * non-breaking spaces, zero-width characters and sometimes the label; any of these would make
 * Dropbox answer "invalid client_id" with no hint why.
 *
 * Rules: cleaning never changes the characters of the value itself; a problem is reported only
 * when the value is clearly wrong, never merely unusual (Dropbox documents app keys as
 * "generally" 15 characters, not always). Messages never repeat the pasted value.
 */
import type { WizardError } from '../../shared/result';

export type PasteField = 'app_key' | 'app_secret' | 'authorization_code';

export interface CleanedPaste {
  readonly value: string;
  readonly problem: WizardError | null;
  /** The `state` found when a redirect URL or query was pasted, so the caller can check it. */
  readonly state?: string;
}

/** Characters that are never part of a Dropbox key, secret, code or token. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const WRAPPING_QUOTES: ReadonlyArray<readonly [string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ['`', '`'],
  ['\u201C', '\u201D'],
  ['\u2018', '\u2019'],
  ['<', '>'],
];

const ACCESS_TOKEN = /^sl\.[A-Za-z0-9._-]{20,}$/;
const AUTHORIZATION_CODE = /^[A-Za-z0-9_-]{43}$/;
const REFRESH_TOKEN = /^[A-Za-z0-9_-]{64}$/;
const TYPICAL_APP_CREDENTIAL = /^[a-z0-9]{15}$/;
const URL_LIKE = /^https?:\/\//i;
const QUERY_LIKE =
  /^[?#]?(?:[A-Za-z_]+=[^&\s]*&)*(?:code|error|state)=[^&\s]*(?:&[A-Za-z_]+=[^&\s]*)*$/;

const FIELD_NAMES: Readonly<Record<PasteField, string>> = {
  // The UI's own labels, so the message names the field the admin sees.
  app_key: 'App key',
  app_secret: 'App secret',
  authorization_code: 'Authorization code',
};

const WHERE: Readonly<Record<PasteField, string>> = {
  app_key: 'The App key is on App Console → your app → Settings → App key (15 characters).',
  app_secret:
    'The App secret is on App Console → your app → Settings → App secret (click Show; 15 characters).',
  authorization_code:
    'The code is what Dropbox shows after you click Allow (about 43 characters), or the code= part of the address it sent you to.',
};

export function cleanPastedValue(field: PasteField, raw: string): CleanedPaste {
  const value = stripWrapping(raw.replace(INVISIBLE, '').trim());
  if (value === '') return { value, problem: null };
  return field === 'authorization_code' ? cleanCode(value) : cleanAppCredential(field, value);
}

function stripWrapping(text: string): string {
  for (const [open, close] of WRAPPING_QUOTES) {
    if (text.length >= 2 && text.startsWith(open) && text.endsWith(close)) {
      return text.slice(open.length, text.length - close.length).trim();
    }
  }
  return text;
}

function wrongField(field: PasteField, what: string, detail?: string): WizardError {
  const error: WizardError = {
    code: 'wrong_field',
    message: `This looks like ${what}, not ${article(FIELD_NAMES[field])}. ${WHERE[field]}`,
    remedy: `Paste the ${FIELD_NAMES[field]} here instead.`,
    action: 'edit_credentials',
  };
  return detail === undefined ? error : { ...error, detail };
}

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** What a value clearly is when it is not an app key or secret, or null. */
function recogniseForeign(value: string): string | null {
  if (ACCESS_TOKEN.test(value)) return 'an access token';
  if (URL_LIKE.test(value)) return 'a web address';
  if (QUERY_LIKE.test(value) && /(?:^|[?#&])(?:code|error)=/.test(value)) {
    return "Dropbox's sign-in answer (code=…&state=…)";
  }
  if (REFRESH_TOKEN.test(value)) return 'a refresh token';
  if (AUTHORIZATION_CODE.test(value)) return 'an authorization code';
  return null;
}

function cleanAppCredential(field: 'app_key' | 'app_secret', pasted: string): CleanedPaste {
  let value = pasted;
  // Copying the row from the Settings table brings the label along ("App key  abc123…").
  const labelled = /^app\s*(key|secret)\s*[:=]?\s+(\S+)$/i.exec(value);
  if (labelled?.[1] !== undefined && labelled[2] !== undefined) {
    const labelField = labelled[1].toLowerCase() === 'key' ? 'app_key' : 'app_secret';
    if (labelField !== field) {
      return { value, problem: wrongField(field, `the ${FIELD_NAMES[labelField]}`) };
    }
    value = labelled[2];
  }

  const foreign = recogniseForeign(value);
  if (foreign !== null) {
    if (foreign === 'a web address' && /dropbox\.com\/developers\/apps/i.test(value)) {
      return { value, problem: wrongField(field, 'the App Console page address') };
    }
    return { value, problem: wrongField(field, foreign) };
  }
  if (TYPICAL_APP_CREDENTIAL.test(value)) return { value, problem: null };
  if (/\s/.test(value)) {
    return {
      value,
      problem: {
        code: 'invalid_input',
        message: `The ${FIELD_NAMES[field]} has spaces inside it, so more than one value was probably pasted. ${WHERE[field]}`,
        remedy: `Copy only the ${FIELD_NAMES[field]} and paste it again.`,
        action: 'edit_credentials',
      },
    };
  }
  // Unusual but plausible values pass: only a length far from 15 or characters Dropbox never
  // uses in keys are clearly wrong.
  if (value.length < 8 || value.length > 40 || !/^[A-Za-z0-9_-]+$/.test(value)) {
    return {
      value,
      problem: {
        code: 'invalid_input',
        message: `This does not look like ${article(FIELD_NAMES[field])}. ${WHERE[field]}`,
        remedy: `Check that the whole ${FIELD_NAMES[field]} was copied, and nothing else.`,
        action: 'edit_credentials',
      },
    };
  }
  return { value, problem: null };
}

function cleanCode(pasted: string): CleanedPaste {
  if (ACCESS_TOKEN.test(pasted)) {
    return { value: pasted, problem: wrongField('authorization_code', 'an access token') };
  }
  const params = redirectParams(pasted);
  if (params !== null) return fromRedirectParams(pasted, params);
  if (URL_LIKE.test(pasted)) {
    return {
      value: pasted,
      problem: wrongField('authorization_code', 'a web address without a code'),
    };
  }
  if (REFRESH_TOKEN.test(pasted)) {
    return { value: pasted, problem: wrongField('authorization_code', 'a refresh token') };
  }
  if (TYPICAL_APP_CREDENTIAL.test(pasted)) {
    return { value: pasted, problem: wrongField('authorization_code', 'an App key or App secret') };
  }
  if (/\s/.test(pasted)) {
    return {
      value: pasted,
      problem: {
        code: 'invalid_input',
        message: `The Authorization code has spaces inside it, so more than one value was probably pasted. ${WHERE.authorization_code}`,
        remedy: 'Copy only the code and paste it again.',
        action: 'edit_credentials',
      },
    };
  }
  return { value: pasted, problem: null };
}

/** Query parameters when the paste is a redirect URL or a bare query with code/error. */
function redirectParams(text: string): URLSearchParams | null {
  if (URL_LIKE.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return null;
    }
    const query = url.searchParams;
    if (query.has('code') || query.has('error')) return query;
    // Some browsers show the answer in the fragment when copied from an error view.
    const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
    return fragment.has('code') || fragment.has('error') ? fragment : null;
  }
  if (QUERY_LIKE.test(text)) {
    const query = new URLSearchParams(text.replace(/^[?#]/, ''));
    return query.has('code') || query.has('error') ? query : null;
  }
  return null;
}

function fromRedirectParams(pasted: string, params: URLSearchParams): CleanedPaste {
  const state = params.get('state');
  const withState = <T extends CleanedPaste>(result: T): CleanedPaste =>
    state === null ? result : { ...result, state };
  const error = params.get('error');
  if (error !== null) {
    if (error === 'access_denied') {
      return withState({
        value: '',
        problem: {
          code: 'access_denied',
          message:
            'This address says the sign-in was cancelled on Dropbox, so there is no code in it.',
          remedy: 'Sign in again and choose Allow on the Dropbox page.',
          action: 'authorize_again',
        },
      });
    }
    const safe = /^[a-z_]{1,64}$/.test(error) ? error : 'unrecognised';
    return withState({
      value: '',
      problem: {
        code: 'unexpected_reply',
        message: 'This address carries an error from Dropbox instead of a code.',
        remedy: 'Sign in again.',
        detail: `redirect error: ${safe}`,
        action: 'authorize_again',
      },
    });
  }
  const code = (params.get('code') ?? '').trim();
  if (code === '') {
    return withState({
      value: pasted,
      problem: wrongField('authorization_code', 'a web address without a code'),
    });
  }
  return withState({ value: code, problem: null });
}
