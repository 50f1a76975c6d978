/**
 * The verification report of a connector: a timestamped Markdown or HTML page an admin attaches
 * to a change ticket or a vendor support case. It shows the target, app key, team, the account
 * that signed in, required vs granted scopes and every check with its result and Dropbox's
 * request id.
 *
 * No secret is in it: `ReportInput` has no field for one, and every value is also scrubbed of
 * anything shaped like a Dropbox token (`sl.` access tokens, 43+ character base64url strings)
 * before it is escaped, so a token that slipped into a check's detail does not reach the file.
 * The HTML is self-contained (inline CSS, a CSP that blocks everything external) and printable.
 */
import { renderHtml } from './report-html';
import { renderMarkdown } from './report-markdown';
import { buildModel, type ReportFormat, type ReportInput } from './report-model';

/** The report as Markdown or as a self-contained HTML page. */
export function renderVerificationReport(input: ReportInput, format: ReportFormat): string {
  const model = buildModel(input);
  return format === 'html' ? renderHtml(model) : renderMarkdown(model);
}
