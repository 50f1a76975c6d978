/**
 * Opens the saved state so that nothing in it is ever lost: a file that cannot be read as a whole
 * is kept beside itself before anything overwrites it, records this version cannot read stay in
 * the file, and both are told to the admin (the home screen shows these notices), not only logged.
 */
import { UNREADABLE_FILE, type ProgressStore, type SavedState } from '../platform';
import { initialSavedState, migrateSavedState, readsAsSavedState } from './saved-state';

export interface LoadedState {
  readonly state: SavedState;
  /** Plain sentences for the home screen: what could not be read, where it is kept, what to do. */
  readonly notices: readonly string[];
  /**
   * The unreadable file could not be kept aside: saving would overwrite it, so nothing is saved
   * this run (the admin is told to move it away and restart).
   */
  readonly readOnly: boolean;
}

export function loadSavedState(
  store: ProgressStore,
  now: Date,
  log: (line: string) => void = () => {},
): LoadedState {
  const raw = store.load();
  const file = store.location ?? 'the saved connectors file';
  if (raw !== null && (raw === UNREADABLE_FILE || !readsAsSavedState(raw))) {
    const why =
      raw === UNREADABLE_FILE
        ? 'it is not valid JSON: cut short by a crash, or edited by hand'
        : 'it holds no saved state this version of the wizard knows: written by a newer version, or edited by hand';
    const state = initialSavedState(now);
    let kept: string | null;
    try {
      kept = store.keepUnreadable?.() ?? null;
    } catch (err) {
      const reason = err instanceof Error && 'code' in err ? String(err.code) : 'an error';
      log(`[saved-state] ${file} could not be read and could not be kept aside (${reason})`);
      return {
        state,
        readOnly: true,
        notices: [
          `The saved connectors file ${file} could not be read (${why}), and it could not be kept aside (${reason}). So that nothing in it is lost, the wizard saves nothing this time. Fix: quit the wizard, move that file to a safe place (or repair it), then start the wizard again.`,
        ],
      };
    }
    // The fresh state replaces the unreadable file now, so the next start reads it cleanly.
    if (kept !== null) store.save(state);
    log(`[saved-state] ${file} could not be read (${why}); kept as ${kept ?? 'nothing'}`);
    const where = kept === null ? '' : `; it was kept as ${kept} and nothing was deleted`;
    return {
      state,
      readOnly: false,
      notices: [
        `The saved connectors file could not be read (${why})${where}. The wizard started with no saved connectors. Fix: to get them back, quit the wizard, repair the kept copy (or take a backup) and put it back as ${file}; or import each connector again from a file you exported.`,
      ],
    };
  }
  const state = migrateSavedState(raw, now);
  const unread = Object.keys(state.unreadable ?? {});
  for (const id of unread) {
    log(
      `[saved-state] ${id} could not be read by this version; its copy stays in the saved file (under "unreadable"), nothing was deleted`,
    );
  }
  if (unread.length === 0) return { state, readOnly: false, notices: [] };
  const one = unread.length === 1;
  return {
    state,
    readOnly: false,
    notices: [
      `${unread.length} saved connector${one ? '' : 's'} could not be read by this version of the wizard; ${one ? 'its copy stays' : 'their copies stay'} in ${file} (under "unreadable") and nothing was deleted. Fix: update the wizard (a newer version may have written ${one ? 'it' : 'them'}) or repair ${one ? 'the record' : 'the records'} in that file, and ${one ? 'it shows' : 'they show'} here again.`,
    ],
  };
}
