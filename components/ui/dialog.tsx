"use client";
// Accessible modal dialogs (Radix): a real title, focus trapped, Escape closes unless busy.
import * as AlertDialog from "@radix-ui/react-alert-dialog";
import * as Dialog from "@radix-ui/react-dialog";
import type { ReactNode } from "react";

interface FormDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** While true the dialog refuses to close, so that a submit is never cut off. */
  busy?: boolean;
  /** More classes for the dialog box, such as dialog-wide. */
  className?: string;
  children: ReactNode;
}

export function FormDialog({ open, onOpenChange, title, busy = false, className, children }: FormDialogProps) {
  return (
    <Dialog.Root open={open} onOpenChange={(next) => (busy && !next ? undefined : onOpenChange(next))}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className={className ? `dialog ${className}` : "dialog"} aria-describedby={undefined}>
          <Dialog.Title className="dialog-title">{title}</Dialog.Title>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  /** The confirm button stays disabled while true (until the user typed what is asked, say). */
  confirmDisabled?: boolean;
  error?: string | null;
  onConfirm: () => void;
  /** More between the question and the buttons, such as a field to type a name into. */
  children?: ReactNode;
}

/** A yes/no question; the confirm button does not close it: the caller closes once done. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, onOpenChange, title, description, confirmLabel, busy = false, error, onConfirm, children } = props;
  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => (busy && !next ? undefined : onOpenChange(next))}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog dialog-small">
          <AlertDialog.Title className="dialog-title">{title}</AlertDialog.Title>
          <AlertDialog.Description className="dialog-description">{description}</AlertDialog.Description>
          {children}
          {error && (
            <p role="alert" className="banner banner-error">
              {error}
            </p>
          )}
          <div className="dialog-actions">
            <AlertDialog.Cancel className="button" disabled={busy}>
              Cancel
            </AlertDialog.Cancel>
            <button
              type="button"
              className="button button-danger"
              disabled={busy || props.confirmDisabled}
              onClick={onConfirm}
            >
              {busy ? "Deleting…" : confirmLabel}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
