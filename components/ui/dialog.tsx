"use client";
// Accessible modal dialogs (Radix), styled as shadcn/ui's Dialog and AlertDialog: a real title,
// focus trapped, Escape closes unless busy. Centred from the small breakpoint up; on phones a
// full-width sheet from the bottom edge, as tall as its content allows.
import * as AlertDialog from "@radix-ui/react-alert-dialog";
import * as Dialog from "@radix-ui/react-dialog";
import type { ComponentProps, ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonVariants } from "@/components/ui/button";
import { cn } from "@/lib/utils";

const overlayClasses = "fixed inset-0 z-50 bg-black/50";
const contentClasses =
  "fixed inset-x-0 bottom-0 z-50 max-h-[92dvh] w-full overflow-y-auto rounded-t-xl border bg-card p-4 text-card-foreground shadow-lg outline-none sm:inset-x-auto sm:top-1/2 sm:bottom-auto sm:left-1/2 sm:max-h-[90dvh] sm:max-w-xl sm:-translate-x-1/2 sm:-translate-y-1/2 sm:rounded-xl sm:p-6";
const titleClasses = "mb-4 pr-2 font-semibold text-lg leading-tight";
export const dialogDescriptionClasses = "mb-4 text-muted-foreground text-sm";

/** The buttons at the bottom of a dialog: side by side on the right, stacked full-width on phones. */
export function DialogFooter({ className, ...props }: ComponentProps<"div">) {
  return (
    <div
      data-slot="dialog-footer"
      className={cn("mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end", className)}
      {...props}
    />
  );
}

interface FormDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** While true the dialog refuses to close, so that a submit is never cut off. */
  busy?: boolean;
  /** More classes for the dialog box, such as a wider sm:max-w-3xl. */
  className?: string;
  children: ReactNode;
}

export function FormDialog({ open, onOpenChange, title, busy = false, className, children }: FormDialogProps) {
  return (
    <Dialog.Root open={open} onOpenChange={(next) => (busy && !next ? undefined : onOpenChange(next))}>
      <Dialog.Portal>
        <Dialog.Overlay className={overlayClasses} />
        <Dialog.Content className={cn(contentClasses, className)} aria-describedby={undefined}>
          <Dialog.Title className={titleClasses}>{title}</Dialog.Title>
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
        <AlertDialog.Overlay className={overlayClasses} />
        <AlertDialog.Content className={cn(contentClasses, "sm:max-w-md")}>
          <AlertDialog.Title className={titleClasses}>{title}</AlertDialog.Title>
          <AlertDialog.Description className={dialogDescriptionClasses}>{description}</AlertDialog.Description>
          {children}
          {error && (
            <Alert role="alert" className="mt-4 mb-0">
              {error}
            </Alert>
          )}
          <DialogFooter>
            <AlertDialog.Cancel className={buttonVariants({ variant: "outline" })} disabled={busy}>
              Cancel
            </AlertDialog.Cancel>
            <Button variant="destructive" disabled={busy || props.confirmDisabled} onClick={onConfirm}>
              {busy ? "Deleting…" : confirmLabel}
            </Button>
          </DialogFooter>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
