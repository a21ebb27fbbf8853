"use client";
// Query keys and hooks for the service settings and the token preview.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { SettingsDto, TUpdateSettingsRequest } from "@/lib/settings/schemas";
import type { TokenPreview, TTokenPreviewRequest } from "@/lib/token-preview/schemas";

export const settingsKeys = { all: ["settings"] as const };

export function useSettings() {
  return useQuery({ queryKey: settingsKeys.all, queryFn: () => fetchJson<SettingsDto>("/api/settings") });
}

export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TUpdateSettingsRequest) =>
      fetchJson<SettingsDto>("/api/settings", { method: "PUT", body: input }),
    onSuccess: (settings) => queryClient.setQueryData(settingsKeys.all, settings),
  });
}

/** A preview reads the current settings and scopes each time: it is a mutation, never cached. */
export function usePreviewToken() {
  return useMutation({
    mutationFn: (input: TTokenPreviewRequest) =>
      fetchJson<TokenPreview>("/api/token-preview", { method: "POST", body: input }),
  });
}
