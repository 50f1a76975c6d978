/**
 * The seed most saved-connector tests start from: the emulator's default seed with the Snow Atlas
 * app's redirect URIs on the test file's own ports (so files can run side by side), plus an
 * rclone app with rclone's scopes.
 */
import { readFile } from 'node:fs/promises';
import { DEFAULT_SEED_PATH, type Seed } from '../../dropbox-emulator/index';
import { SNOW } from './wizard-harness';

export interface RcloneSeedOptions {
  readonly description: string;
  /** The wizard's loopback redirect URIs for this file's ports. */
  readonly redirects: readonly string[];
  readonly rcloneApp: { readonly key: string; readonly secret: string };
  readonly rcloneScopes: readonly string[];
  /** Other seeded apps whose redirect URIs this file sets (app key → URIs). */
  readonly redirectUrisOf?: Readonly<Record<string, readonly string[]>>;
}

export async function defaultSeedWithRclone(options: RcloneSeedOptions): Promise<Seed> {
  const base = JSON.parse(await readFile(DEFAULT_SEED_PATH, 'utf8')) as Seed;
  delete (base as { $schema?: string }).$schema;
  const redirectUrisOf: Record<string, readonly string[]> = {
    [SNOW.key]: options.redirects,
    ...options.redirectUrisOf,
  };
  return {
    ...base,
    description: options.description,
    apps: [
      ...(base.apps ?? []).map((app) => {
        const uris = redirectUrisOf[app.key];
        return uris ? { ...app, redirectUris: [...uris] } : app;
      }),
      {
        key: options.rcloneApp.key,
        secret: options.rcloneApp.secret,
        name: 'rclone',
        access: 'full_dropbox',
        scopes: [...options.rcloneScopes],
        redirectUris: [...options.redirects],
        allowPublicClients: true,
        status: 'development',
      },
    ],
  };
}
