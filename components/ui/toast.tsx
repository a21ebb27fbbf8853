"use client";
// A short confirmation after a saved change, announced politely to screen readers.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";

/** How long a confirmation stays on screen. */
export const TOAST_DURATION_MS = 4000;

const ToastContext = createContext<(message: string) => void>(() => {});

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<{ id: number; message: string } | null>(null);
  const notify = useCallback((message: string) => setToast({ id: Date.now(), message }), []);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), TOAST_DURATION_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  return (
    <ToastContext.Provider value={notify}>
      {children}
      <div
        role="status"
        aria-live="polite"
        className="fixed inset-x-4 bottom-6 z-[100] flex justify-center sm:inset-x-auto sm:left-1/2 sm:-translate-x-1/2"
      >
        {toast && (
          <div key={toast.id} className="rounded-lg border bg-foreground px-4 py-2.5 text-background text-sm shadow-lg">
            {toast.message}
          </div>
        )}
      </div>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);
