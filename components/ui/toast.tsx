"use client";
// A short confirmation after a saved change, announced politely to screen readers. While a dialog
// is open the confirmation shows inside the topmost one, under its title: the page behind a modal
// dialog is hidden from screen readers, and a toast over the page could cover the dialog's buttons.
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useState,
  useSyncExternalStore,
} from "react";
import { cn } from "@/lib/utils";

const toastClasses = "rounded-lg border bg-foreground px-4 py-2.5 text-background text-sm shadow-lg";

/** How long a confirmation stays on screen. */
export const TOAST_DURATION_MS = 4000;

interface Toast {
  id: number;
  message: string;
}

/** The open dialogs, in the order they opened: the last shows the toast. */
function dialogStack() {
  let stack: string[] = [];
  const listeners = new Set<() => void>();
  const emit = () => {
    for (const listener of listeners) listener();
  };
  return {
    push: (id: string) => {
      stack = [...stack, id];
      emit();
    },
    remove: (id: string) => {
      stack = stack.filter((entry) => entry !== id);
      emit();
    },
    top: () => stack.at(-1) ?? null,
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

interface ToastState {
  notify: (message: string) => void;
  toast: Toast | null;
  dialogs: ReturnType<typeof dialogStack>;
}

const ToastContext = createContext<ToastState | null>(null);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<Toast | null>(null);
  const [dialogs] = useState(dialogStack);
  const notify = useCallback((message: string) => setToast({ id: Date.now(), message }), []);
  const topDialog = useSyncExternalStore(dialogs.subscribe, dialogs.top, () => null);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), TOAST_DURATION_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  const value = useMemo(() => ({ notify, toast, dialogs }), [notify, toast, dialogs]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      {topDialog === null && (
        <div
          role="status"
          aria-live="polite"
          className="fixed inset-x-4 bottom-6 z-[100] flex justify-center sm:inset-x-auto sm:left-1/2 sm:-translate-x-1/2"
        >
          {toast && (
            <div key={toast.id} className={toastClasses}>
              {toast.message}
            </div>
          )}
        </div>
      )}
    </ToastContext.Provider>
  );
}

const ignore = () => {};
export const useToast = () => useContext(ToastContext)?.notify ?? ignore;

/** The toast's place inside a dialog: rendered by every dialog, shown by the topmost. */
export function DialogToast() {
  const state = useContext(ToastContext);
  const id = useId();
  const dialogs = state?.dialogs;
  useEffect(() => {
    if (!dialogs) return;
    dialogs.push(id);
    return () => dialogs.remove(id);
  }, [dialogs, id]);
  const top = useSyncExternalStore(
    dialogs?.subscribe ?? (() => ignore),
    () => dialogs?.top() ?? null,
    () => null,
  );
  // One live region at a time: the page's, or the topmost dialog's.
  if (top !== id) return null;
  return (
    <div role="status" aria-live="polite">
      {state?.toast && (
        <div key={state.toast.id} className={cn(toastClasses, "mb-4")}>
          {state.toast.message}
        </div>
      )}
    </div>
  );
}
