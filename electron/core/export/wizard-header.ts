/**
 * The one machine-readable line every text export starts with (as a comment where the format has
 * comments), so a later import can tell which wizard wrote a file, for which target, in which
 * format version: `dropbox-connector-wizard: target=snow-atlas format=env/v1 created=…`.
 */
import { formatCreatedAt } from './export-format';

export const WIZARD_HEADER_PREFIX = 'dropbox-connector-wizard:';

export function wizardHeader(targetId: string, formatVersion: string, now: Date): string {
  return `${WIZARD_HEADER_PREFIX} target=${targetId} format=${formatVersion} created=${formatCreatedAt(now)}`;
}
