/** Export files written by hand in each format the importers read (values look real, are not). */
import type { Identity } from '../../../../../electron/shared/contract';
import {
  buildExportDocument,
  serializeExportDocument,
} from '../../../../../electron/core/export/export-format';
import { SNOW_ATLAS } from '../../../../../electron/core/targets/profiles/snow-atlas';

export const KEY = 'snowatlasdemo01';
export const SECRET = 'opuqihxlha7z2o0';
export const REFRESH = 'rt-Zq8vN3kLm0pX7yT2wR5sU9aB4cD6eF1gH';

const IDENTITY: Identity = {
  tokenKind: 'team',
  accountId: 'dbid:AAutw7xnxczgpqHsggVo1dnx8HaXfn4GJLj',
  email: 'admin@example.test',
  emailVerified: true,
  displayName: 'Ada Admin',
  teamId: 'dbtid:AAI8TNStE1otps5WG2mihZmazj4X_PKzj1r',
  teamName: 'Example Ltd',
  isTeamAdmin: true,
};

export function genericJson(values = { appSecret: SECRET, refreshToken: REFRESH }): string {
  return serializeExportDocument(
    buildExportDocument({
      target: SNOW_ATLAS,
      appKey: KEY,
      appSecret: values.appSecret,
      refreshToken: values.refreshToken,
      scopes: ['account_info.read', 'members.read', 'sessions.list', 'team_info.read'],
      identity: IDENTITY,
      checks: [{ id: 'refresh', label: 'Refresh token works', status: 'pass', detail: 'ok' }],
      now: new Date('2026-12-01T10:00:00.123Z'),
    }),
  );
}

export function redactedGenericJson(): string {
  return serializeExportDocument(
    // The support copy as the exporter writes it: the placeholder where the secrets were.
    { ...JSON.parse(genericJson()), app_secret: '[redacted]', refresh_token: '[redacted]' },
  );
}

export function envFile(header = true): string {
  return [
    ...(header ? ['# dropbox-connector-wizard: target=snow-atlas format=env/v1'] : []),
    '# Dropbox credentials for Snow Atlas',
    `DROPBOX_APP_KEY=${KEY}`,
    `DROPBOX_APP_SECRET="${SECRET}"`,
    `export DROPBOX_REFRESH_TOKEN='${REFRESH}'`,
    '',
  ].join('\n');
}

export function rcloneConf(remotes: readonly string[] = ['dropbox']): string {
  const token = JSON.stringify({
    access_token: 'sl.u.AAAAexampleaccess',
    token_type: 'bearer',
    refresh_token: REFRESH,
    expiry: '2026-12-01T14:00:00Z',
  });
  return remotes
    .map((name) =>
      [
        `[${name}]`,
        'type = dropbox',
        `client_id = ${KEY}`,
        `client_secret = ${SECRET}`,
        `token = ${token}`,
        '',
      ].join('\n'),
    )
    .join('\n');
}
