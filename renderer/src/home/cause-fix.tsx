import type { ConnectorCause } from '../../../electron/shared/contract';
import { connectorImported, reconnectRequested } from '../store/connector-actions';
import { appConsoleRequested } from '../store/wizard-store';

/**
 * The button for a connector's first cause (core names the action). Import the exported file
 * updates the connector the file's credentials belong to (same app key and account).
 */
export function CauseFixButton({
  connectorId,
  name,
  cause,
  busy,
  small = false,
  onImported,
}: {
  connectorId: string;
  name: string;
  cause: ConnectorCause;
  busy: boolean;
  small?: boolean;
  onImported?: (message: string) => void;
}) {
  const className = `button secondary${small ? ' small' : ''}`;
  const button = (label: string, run: () => void) => (
    <button
      type="button"
      className={className}
      aria-label={small ? `${label}: ${name}` : undefined}
      aria-disabled={busy ? true : undefined}
      onClick={() => {
        if (!busy) run();
      }}
    >
      {label}
    </button>
  );
  switch (cause.action) {
    case 'reconnect':
    case 'authorize_again':
      return button('Reconnect', () => void reconnectRequested(connectorId));
    case 'test_authorization':
      return button('Run test authorization', () => void reconnectRequested(connectorId));
    case 'open_app_console':
      return button('Open App Console', () => void appConsoleRequested());
    case 'import_file':
      return (
        <label className={`${className} file-button`}>
          <input
            type="file"
            className="file-input"
            disabled={busy}
            aria-label={small ? `Import the exported file: ${name}` : undefined}
            onChange={(event) => {
              const input = event.currentTarget;
              const file = input.files?.[0];
              input.value = '';
              if (!file) return;
              void file.text().then(async (text) => {
                const result = await connectorImported(file.name, text, true);
                onImported?.(
                  result.ok
                    ? `Imported ${file.name}: ${result.value.imported.map((row) => `${row.name} — ${row.statusWord}`).join('; ') || 'nothing new'}.`
                    : `${result.error.message} ${result.error.remedy}`,
                );
              });
            }}
          />
          Import the exported file
        </label>
      );
    default:
      return null;
  }
}
