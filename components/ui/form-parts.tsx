"use client";
// The parts every console form shares: the error banner above it and the dialog's buttons.

/** The error above a form (role alert), or nothing. */
export function FormBanner({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div role="alert" className="banner banner-error">
      {message}
    </div>
  );
}

/** "Close" and "Save" at the bottom of a dialog's form; both wait while it submits. */
export function DialogFormActions({ busy, onClose }: { busy: boolean; onClose: () => void }) {
  return (
    <div className="dialog-actions">
      <button type="button" className="button" onClick={onClose} disabled={busy}>
        Close
      </button>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? "Saving…" : "Save"}
      </button>
    </div>
  );
}
