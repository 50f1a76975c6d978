import { describe, expect, it } from 'vitest';
import {
  classifyDropboxText,
  firstDropboxText,
} from '../../../../electron/core/dropbox/error-texts';

describe('classifyDropboxText: one reading of Dropbox error texts', () => {
  it.each([
    [
      'Error in call to API function "files/list_folder": This app is currently disabled.',
      'app_disabled',
    ],
    ['App has been disabled', 'app_disabled'],
    ['{"error": "invalid_client: Invalid client_id or client_secret"}', 'invalid_client'],
    ['Invalid client_id: "abc".', 'invalid_client_id'],
    [
      'Invalid redirect_uri. It must exactly match one of the redirect URIs',
      'invalid_redirect_uri',
    ],
    ['No scope requested can be granted for this app.', 'no_scope_grantable'],
    ['Please sign in with a work account.', 'work_account'],
    ['This app has reached its team limit.', 'team_limit'],
    ['This app has reached its user limit.', 'user_limit'],
  ])('%s → %s', (text, id) => {
    expect(firstDropboxText(text)?.id).toBe(id);
  });

  it('names the scope or field the text carries', () => {
    expect(firstDropboxText('`team_data.member` scope is required.')).toMatchObject({
      id: 'scope_required',
      named: 'team_data.member',
      code: 'scope_not_enabled_on_app',
    });
    expect(
      firstDropboxText(
        "Your app is not permitted to access this endpoint because it does not have the required scope 'members.read'.",
      ),
    ).toMatchObject({ id: 'app_lacks_scope', named: 'members.read' });
    expect(firstDropboxText('unknown field "redirect_uri"')).toMatchObject({
      id: 'unknown_field',
      named: 'redirect_uri',
    });
  });

  it('"invalid_client" is not "invalid client_id:" and "team_access_denied" is nothing here', () => {
    expect(classifyDropboxText('Invalid client_id: "x".').map((m) => m.id)).toEqual([
      'invalid_client_id',
    ]);
    expect(classifyDropboxText('team_access_denied')).toEqual([]);
  });

  it('stays fast on a hostile megabyte', () => {
    const text = `${'a.'.repeat(300_000)} scope is required ${'x'.repeat(300_000)}`;
    const started = Date.now();
    classifyDropboxText(text);
    expect(Date.now() - started).toBeLessThan(500);
  });
});
