/**
 * The export's state on Copy & export: the path typed (browser mode), the files written, and a
 * replace question held until Replace or Cancel. A failure shows in the step's error slot.
 */
import { useRef, useState } from 'react';
import type {
  ExportFormatInfo,
  ExportResult,
  SessionSnapshot,
} from '../../../../electron/shared/contract';
import { pathForFormat } from '../../../../electron/shared/export-path';
import { isReplaceQuestion } from '../../store/verify-export-slice';
import { useWizardStore } from '../../store/wizard-store';

export interface ReplaceQuestion {
  readonly redacted: boolean;
  readonly path: string | null;
  readonly confirmation: string | null;
}

export function useExport(session: SessionSnapshot | null, format: ExportFormatInfo | null) {
  const isElectron = session?.mode === 'electron';
  const [exportPath, setExportPath] = useState(
    session?.progress.exportedPath ?? session?.defaultExportPath ?? '',
  );
  /** The admin typed in the Export file field: from then on the path is theirs, not suggested. */
  const [pathEdited, setPathEdited] = useState(false);
  // The last file of each kind written on this screen (both may show: the export and its copy).
  const [written, setWritten] = useState<{
    full: ExportResult | null;
    redacted: ExportResult | null;
  }>({ full: null, redacted: null });
  const [replacing, setReplacing] = useState<ReplaceQuestion | null>(null);
  /** Which export ran last, so "Try again" repeats that one. */
  const lastRedacted = useRef(false);

  const doExport = async (redacted: boolean, replace?: string): Promise<void> => {
    if (useWizardStore.getState().pending !== null) return;
    lastRedacted.current = redacted;
    setWritten((current) => ({ ...current, [redacted ? 'redacted' : 'full']: null }));
    const path = exportPath.trim();
    const result = await useWizardStore.getState().exportRequested({
      ...(format ? { format: format.id } : {}),
      ...(isElectron || !path ? {} : { path }),
      ...(redacted ? { redacted: true } : {}),
      ...(replace ? { replace } : {}),
    });
    if (result.ok) {
      setWritten((current) => ({ ...current, [redacted ? 'redacted' : 'full']: result.value }));
      // Core resolved "~" or a relative name: the field shows where the file really went.
      if (!redacted && !isElectron) setExportPath(result.value.path);
    } else if (isReplaceQuestion(result.error, replace)) {
      // The file core refused to replace: its absolute path is in `detail`, and only the
      // one-time confirmation core issued with this answer can replace it.
      setReplacing({
        redacted,
        path: result.error.detail ?? (isElectron ? null : path),
        confirmation: result.error.confirmation ?? null,
      });
    } else {
      // Only the failure shows then: an older "Written to" beside it would read as this outcome.
      setWritten({ full: null, redacted: null });
    }
  };

  return {
    exportPath,
    /** The admin typed a path: it stays theirs when the format changes. */
    typePath: (path: string) => {
      setPathEdited(true);
      setExportPath(path);
    },
    /**
     * The suggested name follows the format (also after an export wrote it), so a Replace never
     * puts a .env in a .txt; a path the admin typed stays theirs.
     */
    formatChanged: (next: ExportFormatInfo | undefined) => {
      if (!pathEdited && format && next) setExportPath(pathForFormat(exportPath, format, next));
    },
    written,
    replacing,
    setReplacing,
    doExport,
    retry: () => void doExport(lastRedacted.current),
  };
}

export type ExportState = ReturnType<typeof useExport>;
