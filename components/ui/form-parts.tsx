"use client";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { ApiError } from "@/lib/client/fetch-json";
// The parts every console form shares: the error banner above it, the dialog's buttons and the
// mapping of a failed save onto the fields.

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

/**
 * Puts a failed save's field errors beside their fields (`redirectUris.0` lands on `redirectUris`)
 * and returns the message for the banner.
 */
export function showServerErrors<V extends FieldValues, O>(
  form: UseFormReturn<V, unknown, O>,
  error: unknown,
  fields: object,
  fallback: string,
): string {
  const apiError = error instanceof ApiError ? error : new ApiError(0, fallback);
  for (const [field, messages] of Object.entries(apiError.fields)) {
    const key = field.split(".")[0];
    if (key in fields) form.setError(key as Path<V>, { message: messages[0] });
  }
  return apiError.message;
}
