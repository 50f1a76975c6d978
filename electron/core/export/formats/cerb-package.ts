/**
 * A ready-to-import Cerb package (Setup → Configure → Import Package): the package from Cerb's
 * Dropbox guide with the Client ID / Client Secret prompts removed and the values
 * filled in, plus two fixes:
 * - `authorization_url` carries `?token_access_type=offline`, or Dropbox issues no refresh token
 *   and Cerb's link dies after four hours (league/oauth2-client appends its own query with `&`);
 * - `scope` is an explicit space-separated list: an empty one puts `scope=` on the authorize URL.
 * `grant_type` stays `authorization_code`: PKCE (`authorization_code_pkce`) fails on apps with
 * "Allow public clients" disallowed, and Cerb releases up to 10.4 accept nothing else.
 *
 * The limits Cerb's `ServiceProvider_OAuth2::saveConfigForm` enforces are checked here, so the
 * admin never meets a rejected import: URLs http(s) and at most 255 characters (Cerb truncates
 * longer ones), scope at most 4096 characters.
 */
import type { ExportRequirement, Exporter } from '../exporter';
import { assertRequirements, exportFailure } from '../requirements';
import { DEFAULT_API_ORIGIN, DEFAULT_WEB_ORIGIN } from '../../dropbox/endpoints';
import { STEP_TITLES } from '../../../shared/steps';

const LABEL = 'Cerb package';
const REQUIRES: readonly ExportRequirement[] = ['app_key', 'app_secret', 'scopes'];

export const CERB_MAX_SCOPE_LENGTH = 4096;
export const CERB_MAX_URL_LENGTH = 255;

const PRODUCTION = {
  authorizeUrl: `${DEFAULT_WEB_ORIGIN}/oauth2/authorize`,
  tokenUrl: `${DEFAULT_API_ORIGIN}/oauth2/token`,
};

/**
 * Cerb renders package values through its template engine, so `{` or `}` in a value could be
 * read as a placeholder; control characters have no place in a key or secret either.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const UNSAFE_VALUE = /[{}\u0000-\u001f\u007f]/;

function packageValue(label: string, value: string): string {
  if (UNSAFE_VALUE.test(value)) {
    throw exportFailure(LABEL, {
      what: `the ${label} contains a brace or control character`,
      remedy: `Go back to ${STEP_TITLES['create-app']} and paste the ${label} again, exactly as the App Console shows it.`,
    });
  }
  return value;
}

function cerbUrl(what: string, url: string): string {
  if (!/^https?:\/\//i.test(url) || url.length > CERB_MAX_URL_LENGTH) {
    // Only reachable with an unusual DROPBOX_*_ORIGIN override; the URL holds no secret.
    throw exportFailure(LABEL, {
      what: `the ${what} ${url} is not an http(s) URL of at most ${CERB_MAX_URL_LENGTH} characters`,
      remedy: 'Check the DROPBOX_WEB_ORIGIN and DROPBOX_API_ORIGIN settings and export again.',
    });
  }
  return url;
}

export const CERB_PACKAGE: Exporter = {
  id: 'cerb-package',
  label: LABEL,
  extension: 'json',
  nameSuffix: '-cerb-package',
  description:
    'A package for Cerb (Setup → Configure → Import Package) that creates the Dropbox connected ' +
    'service with your App key and secret, offline access and the chosen scopes. Cerb (up to ' +
    '10.4.10) sends redirect_uri when it renews its token, which Dropbox refuses, so expect the ' +
    'link to stop about four hours after Link to Dropbox; Check now on the connector tests it.',
  requires: REQUIRES,
  render(input) {
    assertRequirements(LABEL, input, REQUIRES);
    const endpoints = input.endpoints ?? PRODUCTION;
    const scope = [...new Set(input.scopes.map((s) => s.trim()).filter((s) => s !== ''))]
      .sort()
      .join(' ');
    if (scope.length > CERB_MAX_SCOPE_LENGTH) {
      throw exportFailure(LABEL, {
        what: `the scope list is longer than the ${CERB_MAX_SCOPE_LENGTH} characters Cerb accepts`,
        remedy: `Go back to ${STEP_TITLES.permissions} and untick scopes the connector does not use.`,
      });
    }
    const authorizationUrl = new URL(endpoints.authorizeUrl);
    authorizationUrl.searchParams.set('token_access_type', 'offline');

    const pkg = {
      package: {
        name: 'Dropbox Connected Service',
        revision: 1,
        requires: { cerb_version: '9.1.0', plugins: [] },
        // No prompts: the values are already in the records, so Import runs in one click.
        configure: { placeholders: [], prompts: [] },
      },
      records: [
        {
          uid: 'service_dropbox',
          _context: 'connected_service',
          name: 'Dropbox',
          extension_id: 'cerb.service.provider.oauth2',
          params: {
            grant_type: 'authorization_code',
            client_id: packageValue('App key', input.appKey.trim()),
            client_secret: packageValue('App secret', input.appSecret.trim()),
            authorization_url: cerbUrl('authorization URL', authorizationUrl.toString()),
            access_token_url: cerbUrl('token URL', endpoints.tokenUrl),
            resource_owner_url: '',
            scope,
            approval_prompt: '',
          },
        },
        {
          uid: 'account_dropbox',
          _context: 'connected_account',
          name: 'Dropbox',
          service_id: '{{{uid.service_dropbox}}}',
          owner__context: 'cerberusweb.contexts.app',
          owner_id: '0',
          params: {},
        },
      ],
    };
    return `${JSON.stringify(pkg, null, 2)}\n`;
  },
};
