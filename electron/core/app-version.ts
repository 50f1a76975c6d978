/**
 * The app's version, from package.json (bundled into each build), for reports and the CLI: a
 * report that says "development" cannot be matched to a release.
 */
import packageJson from '../../package.json' with { type: 'json' };

export const APP_VERSION: string = packageJson.version;
