/**
 * Every connector target, in the order Choose connector lists them. A new target is one file in
 * `profiles/` plus its line here; every rule about it is derived in `rules.ts`. Target ids are
 * stable interfaces (progress files, exports and tests refer to them): never rename one.
 */
import type { TargetProfile } from '../../shared/contract';
import { CERB } from './profiles/cerb';
import { CERTERO } from './profiles/certero';
import { CUSTOM } from './profiles/custom';
import { DEFENDER_FOR_CLOUD_APPS } from './profiles/defender-for-cloud-apps';
import { RCLONE } from './profiles/rclone';
import { SNOW_ATLAS } from './profiles/snow-atlas';
import { VISUALCRON } from './profiles/visualcron';

export const TARGETS: readonly TargetProfile[] = [
  SNOW_ATLAS,
  CERTERO,
  CERB,
  VISUALCRON,
  DEFENDER_FOR_CLOUD_APPS,
  RCLONE,
  CUSTOM,
];

const BY_ID: ReadonlyMap<string, TargetProfile> = new Map(TARGETS.map((t) => [t.id, t]));

export function getTarget(id: string): TargetProfile | undefined {
  return BY_ID.get(id);
}
