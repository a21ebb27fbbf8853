"use client";
// Accessible modal dialogs (Radix), styled as shadcn/ui's Dialog and AlertDialog: a real title,
// focus trapped, Escape closes unless busy. Centred from the small breakpoint up; on phones a
// full-width sheet from the bottom edge, as tall as its content allows. Focus starts on the first
// field that can be changed and returns, on closing, to the control that opened the dialog (or,
// when that is gone with its row, to the same action of the row now in its place, or to the
// table). A dialog whose form has unsaved changes asks before it closes.
import * as AlertDialog from "@radix-ui/react-alert-dialog";
import * as Dialog from "@radix-ui/react-dialog";
import {
  type ComponentProps,
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonVariants } from "@/components/ui/button";
import { DialogToast } from "@/components/ui/toast";
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

/** Where focus goes back to when a dialog closes. */
interface Opener {
  element: HTMLElement;
  /** The table row it sits in: its table, the row's place among the rows with actions, the button's place in the row. */
  row: { table: HTMLTableElement; index: number; button: number } | null;
  /** The opener of the dialog it sat in, for when that dialog closed too (a secret shown after a save). */
  outer: Opener | null;
}

const DIALOG_SELECTOR = '[role="dialog"], [role="alertdialog"]';
const openers = new WeakMap<Element, Opener>();
/**
 * The opener last captured: a dialog opened while focus is nowhere (the button that opened it was
 * disabled while its request ran, as "Save" before a secret is shown) returns focus where that one would.
 */
let recent: Opener | null = null;

const actionRows = (table: HTMLTableElement) =>
  Array.from(table.tBodies[0]?.rows ?? []).filter((row) => row.querySelector("button"));

function openerOf(active: Element | null): Opener | null {
  if (!(active instanceof HTMLElement) || active === document.body) return null;
  const host = active.closest(DIALOG_SELECTOR);
  const outer = host ? (openers.get(host) ?? null) : null;
  const tr = active.closest("tr");
  const table = tr?.closest("table");
  const row =
    tr && table
      ? {
          table,
          index: actionRows(table).indexOf(tr),
          button: Array.from(tr.querySelectorAll("button")).indexOf(active as HTMLButtonElement),
        }
      : null;
  return { element: active, row, outer };
}

const focusable = (element: HTMLElement) =>
  element.isConnected && !(element as HTMLButtonElement).disabled && element.getClientRects().length > 0;

/** The same action of the row now where the opener's row was (the next one, or the last), else the table. */
function focusRow({ table, index, button }: NonNullable<Opener["row"]>): boolean {
  if (!table.isConnected) return false;
  const rows = actionRows(table);
  const row = rows[Math.min(index, rows.length - 1)];
  const buttons = row ? Array.from(row.querySelectorAll("button")) : [];
  const target = buttons[Math.min(button, buttons.length - 1)];
  if (target && focusable(target)) {
    target.focus();
    return true;
  }
  table.tabIndex = -1;
  table.focus();
  return true;
}

function restoreFocus(opener: Opener | null): void {
  for (let current = opener; current; current = current.outer) {
    if (focusable(current.element)) {
      current.element.focus();
      // Its row may leave the table when the list reloads (a delete): then its neighbour's action.
      const row = current.row;
      if (row) watchRow(current.element, row);
      return;
    }
    if (current.row && focusRow(current.row)) return;
  }
}

/** For a few seconds: if the focused opener leaves the page with its row, focus the row in its place. */
function watchRow(element: HTMLElement, row: NonNullable<Opener["row"]>) {
  const observer = new MutationObserver(() => {
    if (element.isConnected) return;
    observer.disconnect();
    if (document.activeElement === null || document.activeElement === document.body) focusRow(row);
  });
  observer.observe(row.table, { childList: true, subtree: true });
  setTimeout(() => observer.disconnect(), 5000);
}

/** Remembers the focused element when `open` turns true (before the dialog takes focus). */
function useOpener(open: boolean) {
  const opener = useRef<Opener | null>(null);
  useLayoutEffect(() => {
    if (!open) return;
    opener.current = openerOf(document.activeElement) ?? recent;
    recent = opener.current;
  }, [open]);
  const contentRef = useCallback((node: HTMLElement | null) => {
    if (node && opener.current) openers.set(node, opener.current);
  }, []);
  return {
    contentRef,
    onCloseAutoFocus: (event: Event) => {
      event.preventDefault();
      restoreFocus(opener.current);
    },
  };
}

/** Focus the first field that can be changed; without one, Radix's default (the first tabbable). */
function focusFirstField(event: Event) {
  const content = event.currentTarget as HTMLElement | null;
  const field = Array.from(content?.querySelectorAll<HTMLElement>("input, select, textarea") ?? []).find(
    (element) =>
      !element.matches(":disabled") &&
      !(element as HTMLInputElement).readOnly &&
      (element as HTMLInputElement).type !== "hidden",
  );
  if (!field) return;
  event.preventDefault();
  field.focus();
}

interface DialogGuard {
  /** The form inside has unsaved changes (or no longer has). */
  setDirty: (dirty: boolean) => void;
  /** Close, asking first while the form has unsaved changes. */
  requestClose: () => void;
}

const DialogGuardContext = createContext<DialogGuard | null>(null);

/**
 * A form's unsaved changes: the dialog it is in asks "Discard changes?" before closing, and leaving
 * the page asks first (beforeunload). Returns the dialog's guarded close, if it is in one.
 */
export function useUnsavedChanges(dirty: boolean): (() => void) | undefined {
  const guard = useContext(DialogGuardContext);
  const setDirty = guard?.setDirty;
  useEffect(() => {
    if (!setDirty) return;
    setDirty(dirty);
    return () => setDirty(false);
  }, [dirty, setDirty]);
  useEffect(() => {
    if (!dirty) return;
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [dirty]);
  return guard?.requestClose;
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
  const { contentRef, onCloseAutoFocus } = useOpener(open);
  const dirty = useRef(false);
  const [discarding, setDiscarding] = useState(false);
  const requestClose = useCallback(() => {
    if (dirty.current) setDiscarding(true);
    else onOpenChange(false);
  }, [onOpenChange]);
  const guard = useMemo<DialogGuard>(
    () => ({
      setDirty: (value) => {
        dirty.current = value;
      },
      requestClose,
    }),
    [requestClose],
  );
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => (busy && !next ? undefined : next ? onOpenChange(true) : requestClose())}
    >
      <Dialog.Portal>
        <Dialog.Overlay className={overlayClasses} />
        <Dialog.Content
          ref={contentRef}
          className={cn(contentClasses, className)}
          aria-describedby={undefined}
          onOpenAutoFocus={focusFirstField}
          onCloseAutoFocus={onCloseAutoFocus}
        >
          <Dialog.Title className={titleClasses}>{title}</Dialog.Title>
          <DialogToast />
          <DialogGuardContext.Provider value={guard}>{children}</DialogGuardContext.Provider>
          <ConfirmDialog
            open={discarding}
            onOpenChange={setDiscarding}
            title="Discard changes?"
            description="Your changes in this form are not saved. Close it and lose them?"
            confirmLabel="Discard"
            cancelLabel="Keep editing"
            onConfirm={() => {
              setDiscarding(false);
              dirty.current = false;
              onOpenChange(false);
            }}
          />
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
  /** The confirm button's text while busy; "Deleting…" unless said. */
  busyLabel?: string;
  /** The button that closes without doing anything; "Cancel" unless said. */
  cancelLabel?: string;
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
  const { contentRef, onCloseAutoFocus } = useOpener(open);
  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => (busy && !next ? undefined : onOpenChange(next))}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={overlayClasses} />
        <AlertDialog.Content
          ref={contentRef}
          className={cn(contentClasses, "sm:max-w-md")}
          onCloseAutoFocus={onCloseAutoFocus}
        >
          <AlertDialog.Title className={titleClasses}>{title}</AlertDialog.Title>
          <DialogToast />
          <AlertDialog.Description className={dialogDescriptionClasses}>{description}</AlertDialog.Description>
          {children}
          {error && (
            <Alert role="alert" className="mt-4 mb-0">
              {error}
            </Alert>
          )}
          <DialogFooter>
            <AlertDialog.Cancel className={buttonVariants({ variant: "outline" })} disabled={busy}>
              {props.cancelLabel ?? "Cancel"}
            </AlertDialog.Cancel>
            <Button variant="destructive" disabled={busy || props.confirmDisabled} onClick={onConfirm}>
              {busy ? (props.busyLabel ?? "Deleting…") : confirmLabel}
            </Button>
          </DialogFooter>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
