"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { ThemeProvider } from "@/components/ui/theme-switch";
import { ToastProvider } from "@/components/ui/toast";
import { ApiError } from "@/lib/client/fetch-json";
import type { Theme } from "@/lib/theme";

/** Console data is shared by several people: refetch what is older than this on focus. */
const STALE_TIME_MS = 10_000;

/** Retry a failed load once, and only when the network or the server failed (not a 404). */
const retryOnce = (failures: number, error: Error) =>
  failures < 1 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500);

export function Providers({ theme, children }: { theme: Theme; children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: STALE_TIME_MS, retry: retryOnce } } }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <ThemeProvider theme={theme}>
        <ToastProvider>{children}</ToastProvider>
      </ThemeProvider>
    </QueryClientProvider>
  );
}
