"use client";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog";
import { ApiError } from "@/lib/client/fetch-json";
// The parts every console form shares: the error banner above it, the dialog's buttons and the
// mapping of a failed save onto the fields.

/** The error above a form (role alert), or nothing. */
export function FormBanner({ message }: { message: string | null }) {
  if (!message) return null;
  return <Alert role="alert">{message}</Alert>;
}

/** The buttons at the bottom of a form on a page, on the right. */
export function FormActions({ children }: { children: React.ReactNode }) {
  return <div className="mt-6 flex justify-end gap-2">{children}</div>;
}

/** "Close" and "Save" at the bottom of a dialog's form; both wait while it submits. */
export function DialogFormActions({ busy, onClose }: { busy: boolean; onClose: () => void }) {
  return (
    <DialogFooter>
      <Button variant="outline" onClick={onClose} disabled={busy}>
        Close
      </Button>
      <Button type="submit" disabled={busy}>
        {busy ? "Saving…" : "Save"}
      </Button>
    </DialogFooter>
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
