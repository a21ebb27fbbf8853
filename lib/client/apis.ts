"use client";
// Query keys and hooks for APIs: components never inline a key or a fetch.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiDto, TCreateApiRequest, TUpdateApiRequest } from "@/lib/apis/schemas";
import { type DeleteRequest, fetchJson, toQueryString } from "@/lib/client/fetch-json";
import type { ScopeImpact } from "@/lib/scopes/impact";
import type { Page } from "@/lib/validation";

export interface ListParams {
  page: number;
  pageSize: number;
  q: string;
  sort: string;
}

export const apiKeys = {
  all: ["apis"] as const,
  lists: () => [...apiKeys.all, "list"] as const,
  list: (params: ListParams) => [...apiKeys.lists(), params] as const,
  detail: (id: string) => [...apiKeys.all, "detail", id] as const,
};

export function useApis(params: ListParams) {
  return useQuery({
    queryKey: apiKeys.list(params),
    queryFn: () => fetchJson<Page<ApiDto>>(`/api/apis${toQueryString({ ...params })}`),
    placeholderData: keepPreviousData,
  });
}

export function useApi(id: string) {
  return useQuery({ queryKey: apiKeys.detail(id), queryFn: () => fetchJson<ApiDto>(`/api/apis/${id}`) });
}

export function useCreateApi() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateApiRequest) => fetchJson<ApiDto>("/api/apis", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeys.lists() }),
  });
}

export function useUpdateApi(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TUpdateApiRequest) => fetchJson<ApiDto>(`/api/apis/${id}`, { method: "PATCH", body: input }),
    onSuccess: (api) => {
      queryClient.setQueryData(apiKeys.detail(id), api);
      return queryClient.invalidateQueries({ queryKey: apiKeys.lists() });
    },
  });
}

/** What deleting the API reaches (its scopes together); nothing is fetched for null. */
export function useApiImpact(id: string | null) {
  return useQuery({
    queryKey: [...apiKeys.all, "impact", id],
    queryFn: () => fetchJson<ScopeImpact>(`/api/apis/${id}/impact`),
    enabled: id !== null,
  });
}

export function useDeleteApi() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, confirm }: DeleteRequest) =>
      fetchJson<void>(`/api/apis/${id}${toQueryString({ confirm })}`, { method: "DELETE" }),
    onSuccess: (_data, { id }) => {
      queryClient.removeQueries({ queryKey: apiKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: apiKeys.lists() });
    },
  });
}
