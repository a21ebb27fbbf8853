"use client";
// Query keys and hooks for the signed-in person's own sessions.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { SessionDto } from "@/lib/sessions/schemas";

export const sessionKeys = { all: ["sessions"] as const };

export function useOwnSessions() {
  return useQuery({ queryKey: sessionKeys.all, queryFn: () => fetchJson<SessionDto[]>("/api/sessions") });
}

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson<void>(`/api/sessions/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.all }),
  });
}
