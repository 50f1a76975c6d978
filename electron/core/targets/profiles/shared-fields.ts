/** Output fields several products name the same way (Snow Atlas's and Custom's form labels). */
import type { ExportField } from '../../../shared/contract';

export const APP_KEY: ExportField = { key: 'app_key', label: 'App key', secret: false };
export const APP_SECRET: ExportField = { key: 'app_secret', label: 'App secret', secret: true };
export const REFRESH_TOKEN: ExportField = {
  key: 'refresh_token',
  label: 'Refresh token',
  secret: true,
};

/** Dropbox requires this scope on every user-linked app ("account_info.read is required to be registered for user-linked apps": dropbox.tech, "Customizing scopes in OAuth flow", 2024). */
export const ALWAYS_REQUIRED_SCOPE = 'account_info.read';
