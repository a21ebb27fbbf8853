"use client";
// Query keys and hooks for an API's scopes.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiKeys, type ListParams } from "@/lib/client/apis";
import { type DeleteRequest, fetchJson, toQueryString } from "@/lib/client/fetch-json";
import type { ScopeImpact } from "@/lib/scopes/impact";
import type {
  BulkScopesResult,
  ScopeDto,
  ScopeFlag,
  ScopeLifecycle,
  TBulkScopesRequest,
  TCreateScopeRequest,
  TUpdateScopeRequest,
} from "@/lib/scopes/schemas";
import type { Page } from "@/lib/validation";

export const scopeKeys = {
  all: (apiId: string) => ["scopes", apiId] as const,
  lists: (apiId: string) => [...scopeKeys.all(apiId), "list"] as const,
  list: (apiId: string, params: ScopeListParams) => [...scopeKeys.lists(apiId), params] as const,
  detail: (apiId: string, id: string) => [...scopeKeys.all(apiId), "detail", id] as const,
};

const scopesUrl = (apiId: string) => `/api/apis/${apiId}/scopes`;

/** The list's paging, search and sort, a lifecycle to show only, and flags ("true", "false"; blank: all). */
export type ScopeListParams = ListParams & { lifecycle?: ScopeLifecycle | "" } & Partial<Record<ScopeFlag, string>>;

export function useScopes(apiId: string, params: ScopeListParams) {
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

/** Loads a scope's current version (after a 409: someone else saved it), and refreshes the list with it. */
export function useReloadScope(apiId: string) {
  const queryClient = useQueryClient();
  return async (id: string) => {
    const scope = await fetchJson<ScopeDto>(`${scopesUrl(apiId)}/${id}`);
    await queryClient.invalidateQueries({ queryKey: scopeKeys.lists(apiId) });
    return scope;
  };
}

/** What changing or deleting the scope reaches; nothing is fetched for null. */
export function useScopeImpact(apiId: string, scopeId: string | null) {
  return useQuery({
    queryKey: [...scopeKeys.all(apiId), "impact", scopeId],
    queryFn: () => fetchJson<ScopeImpact>(`${scopesUrl(apiId)}/${scopeId}/impact`),
    enabled: scopeId !== null,
  });
}

export function useDeleteScope(apiId: string) {
  const invalidate = useInvalidateScopes(apiId);
  return useMutation({
    mutationFn: ({ id, confirm }: DeleteRequest) =>
      fetchJson<void>(`${scopesUrl(apiId)}/${id}${toQueryString({ confirm })}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}

/** Flags of several scopes, or deleting them, in one request. */
export function useBulkScopes(apiId: string) {
  const invalidate = useInvalidateScopes(apiId);
  return useMutation({
    mutationFn: (input: TBulkScopesRequest) =>
      fetchJson<BulkScopesResult>(`${scopesUrl(apiId)}/bulk`, { method: "POST", body: input }),
    onSuccess: invalidate,
  });
}
