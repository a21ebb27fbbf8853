"use client";
import { useState } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DialogFooter, useUnsavedChanges } from "@/components/ui/dialog";
import { ApiError, isStaleVersion } from "@/lib/client/fetch-json";
// The parts every console form shares: the error banner above it (with "Reload" when someone else
// saved a newer version), the dialog's buttons, unsaved changes, and the mapping of a failed save
// onto the fields.

/** The error above a form (role alert), or nothing; with onReload, a button that loads the current version. */
export function FormBanner({ message, onReload }: { message: string | null; onReload?: () => void }) {
  if (!message) return null;
  return (
    <Alert role="alert">
      {message}
      {onReload && (
        <>
          {" "}
          <Button size="sm" variant="outline" onClick={onReload}>
            Reload
          </Button>
        </>
      )}
    </Alert>
  );
}

/** The buttons at the bottom of a form on a page, on the right. */
export function FormActions({ children }: { children: React.ReactNode }) {
  return <div className="mt-6 flex justify-end gap-2">{children}</div>;
}

/**
 * "Close" and "Save" at the bottom of a dialog's form; both wait while it submits. Save waits too
 * while an edit changed nothing (`unchanged`); Close asks first when the form has unsaved changes.
 */
export function DialogFormActions({
  busy,
  onClose,
  dirty = false,
  unchanged = false,
}: {
  busy: boolean;
  onClose: () => void;
  /** The form has unsaved changes. */
  dirty?: boolean;
  /** An edit whose fields are as they were opened: nothing to save. */
  unchanged?: boolean;
}) {
  const requestClose = useUnsavedChanges(dirty && !busy);
  return (
    <DialogFooter>
      <Button variant="outline" onClick={requestClose ?? onClose} disabled={busy}>
        Close
      </Button>
      <Button type="submit" disabled={busy || unchanged}>
        {busy ? "Saving…" : "Save"}
      </Button>
    </DialogFooter>
  );
}

/**
 * The banner of a form that saves a versioned resource: a failed save's message, and after a 409
 * for a stale version, "Reload", which loads the current version into the form (`load` fetches it,
 * `reset` puts it in the form) for the user to make their change again.
 */
export function useSaveBanner<T>(load: () => Promise<T>, reset: (current: T) => void) {
  const [state, setState] = useState<{ message: string; stale: boolean } | null>(null);
  const reload = async () => {
    try {
      reset(await load());
      setState(null);
    } catch (error) {
      setState({ message: error instanceof Error ? error.message : "Could not reload.", stale: true });
    }
  };
  return {
    message: state?.message ?? null,
    /** Shows a message; a stale version's gets the Reload button. */
    show: (message: string | null, error?: unknown) =>
      setState(message === null ? null : { message, stale: isStaleVersion(error) }),
    onReload: state?.stale ? reload : undefined,
  };
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
