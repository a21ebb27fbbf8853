"use client";
// The browser's side of configuration as code: plan a document, then apply that plan.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { AppliedConfig, ConfigPlan } from "@/lib/config-file/schema";

const YAML = "application/yaml";

export function usePlanConfig() {
  return useMutation({
    mutationFn: (document: string) =>
      fetchJson<ConfigPlan>("/api/config/plan", { method: "POST", text: document, contentType: YAML }),
  });
}

export function useApplyConfig() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ document, fingerprint }: { document: string; fingerprint: string }) =>
      fetchJson<AppliedConfig>(`/api/config/apply?fingerprint=${fingerprint}`, {
        method: "POST",
        text: document,
        contentType: YAML,
      }),
    // Everything the console lists may have changed.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
