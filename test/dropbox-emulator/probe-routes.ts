/**
 * Routes added for the saved-connector health probes (electron/core/connectors/health-probes.ts),
 * kept apart from the main route table. Each is emulated only as far as a probe uses it: auth and
 * scope go through the same pipeline as every route (so an unticked or ungranted scope is refused
 * exactly like the others), and the handler answers what a path or job id that never existed gets.
 *
 * Scopes from Dropbox's API spec (github.com/dropbox/dropbox-api-spec, commit 0d994eb):
 * files.stone get_temporary_link "files.content.read", delete_batch/check "files.content.write",
 * tags/remove "files.metadata.write"; sharing.stone list_folders "sharing.read",
 * check_job_status "sharing.write". Route errors: files.stone GetTemporaryLinkError.path and
 * RemoveTagError.path (LookupError not_found), async.stone PollError invalid_async_job_id.
 * GUESS: that Dropbox answers a never-issued async_job_id with invalid_async_job_id (409).
 */
import { Struct } from './rpc-args';
import type { RouteDefinition } from './rpc-routes';

const notFound = {
  routeError: {
    tags: ['path', 'not_found'],
    error: { '.tag': 'path', path: { '.tag': 'not_found' } },
  },
};
const noSuchJob = {
  routeError: {
    tags: ['invalid_async_job_id'],
    error: { '.tag': 'invalid_async_job_id' },
  },
};
const pathArg = (body: unknown): string => Struct.root(body, false).string('path', { min: 0 });
const jobArg = (body: unknown): string =>
  Struct.root(body, false).string('async_job_id', { min: 1 });

const userRoute = (scope: string, parse: (body: unknown) => unknown, answer: unknown) => ({
  auth: 'user' as const,
  scope,
  selectAdmin: false,
  allowAppFolder: true,
  parse,
  handle: () => answer as ReturnType<RouteDefinition['handle']>,
});

export const PROBE_ROUTES: ReadonlyArray<[string, RouteDefinition]> = [
  ['files/get_temporary_link', userRoute('files.content.read', pathArg, notFound)],
  ['files/delete_batch/check', userRoute('files.content.write', jobArg, noSuchJob)],
  [
    'files/tags/remove',
    userRoute(
      'files.metadata.write',
      (body) => {
        const arg = Struct.root(body, false);
        arg.string('tag_text', { min: 1 });
        return arg.string('path', { min: 0 });
      },
      notFound,
    ),
  ],
  [
    'sharing/list_folders',
    userRoute(
      'sharing.read',
      (body) => Struct.root(body, true).int('limit', { min: 1, max: 1000, default: 1000 }),
      { result: { entries: [] } },
    ),
  ],
  ['sharing/check_job_status', userRoute('sharing.write', jobArg, noSuchJob)],
];
