/** The one worker pool lives in core (Check all uses it too); the CLI imports it from here. */
export { mapPool } from '../core/connectors/pool';
