"use client";
// Query keys and hooks for an API's scopes.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiKeys, type ListParams } from "@/lib/client/apis";
import { fetchJson, toQueryString } from "@/lib/client/fetch-json";
import type { ScopeDto, TCreateScopeRequest, TUpdateScopeRequest } from "@/lib/scopes/schemas";
import type { Page } from "@/lib/validation";

export const scopeKeys = {
  all: (apiId: string) => ["scopes", apiId] as const,
  lists: (apiId: string) => [...scopeKeys.all(apiId), "list"] as const,
  list: (apiId: string, params: ListParams) => [...scopeKeys.lists(apiId), params] as const,
  detail: (apiId: string, id: string) => [...scopeKeys.all(apiId), "detail", id] as const,
};

const scopesUrl = (apiId: string) => `/api/apis/${apiId}/scopes`;

export function useScopes(apiId: string, params: ListParams) {
  return useQuery({
    queryKey: scopeKeys.list(apiId, params),
    queryFn: () => fetchJson<Page<ScopeDto>>(`${scopesUrl(apiId)}${toQueryString({ ...params })}`),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateScopes(apiId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: scopeKeys.all(apiId) }),
      // An API's scope count shows in the APIs table.
      queryClient.invalidateQueries({ queryKey: apiKeys.all }),
    ]);
}

export function useCreateScope(apiId: string) {
  const invalidate = useInvalidateScopes(apiId);
  return useMutation({
    mutationFn: (input: TCreateScopeRequest) => fetchJson<ScopeDto>(scopesUrl(apiId), { method: "POST", body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateScope(apiId: string) {
  const invalidate = useInvalidateScopes(apiId);
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: TUpdateScopeRequest }) =>
      fetchJson<ScopeDto>(`${scopesUrl(apiId)}/${id}`, { method: "PATCH", body: input }),
    onSuccess: invalidate,
  });
}

export function useDeleteScope(apiId: string) {
  const invalidate = useInvalidateScopes(apiId);
  return useMutation({
    mutationFn: (id: string) => fetchJson<void>(`${scopesUrl(apiId)}/${id}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}
