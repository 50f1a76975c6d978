/** The connector's new name (80 characters at most, as the saved state keeps it). */
export function RenameForm({
  value,
  onChange,
  onSave,
  onCancel,
}: {
  value: string;
  onChange: (value: string) => void;
  onSave: () => void;
  onCancel: () => void;
}) {
  return (
    <form
      className="rename-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSave();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <div className="field">
        <label htmlFor="connector-name">Connector name</label>
        <input
          id="connector-name"
          type="text"
          value={value}
          maxLength={80}
          onChange={(event) => onChange(event.target.value)}
          autoComplete="off"
          autoFocus
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button primary">
          Save name
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
