import { ConfirmDialog } from './confirm-dialog';

export interface ReplaceFileDialogProps {
  /** The file core refused to replace; null when there is no question (the dialog is closed). */
  readonly question: { readonly path: string | null } | null;
  /** What is written over the file, e.g. "The new report is written over it." */
  readonly consequence: string;
  readonly busy: boolean;
  readonly onReplace: () => void;
  readonly onCancel: () => void;
}

/**
 * The one "Replace the existing file?" question (export, support copy, summary, report): core
 * answered "already exists" with a one-time confirmation, and only Replace sends it back.
 */
export function ReplaceFileDialog({ question, consequence, ...props }: ReplaceFileDialogProps) {
  return (
    <ConfirmDialog
      open={question !== null}
      title={
        question?.path ? (
          <>
            Replace the existing file <span className="mono">{question.path}</span>?
          </>
        ) : (
          'Replace the existing file?'
        )
      }
      confirmLabel="Replace"
      danger
      busy={props.busy}
      onCancel={props.onCancel}
      onConfirm={props.onReplace}
    >
      <p>{consequence} Cancel to keep it and change the file name instead.</p>
    </ConfirmDialog>
  );
}
