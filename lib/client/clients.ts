"use client";
// Query keys and hooks for OAuth clients.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ListParams } from "@/lib/client/apis";
import { type DeleteRequest, fetchJson, toQueryString } from "@/lib/client/fetch-json";
import type { ClientDto, ClientWithSecret, TCreateClientRequest, TUpdateClientRequest } from "@/lib/clients/schemas";
import type { Page } from "@/lib/validation";

export const clientKeys = {
  all: ["clients"] as const,
  lists: () => [...clientKeys.all, "list"] as const,
  list: (params: ListParams) => [...clientKeys.lists(), params] as const,
};

export function useClients(params: ListParams) {
  return useQuery({
    queryKey: clientKeys.list(params),
    queryFn: () => fetchJson<Page<ClientDto>>(`/api/clients${toQueryString({ ...params })}`),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateClients() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: clientKeys.all });
}

/** Loads a client's current version (after a 409: someone else saved it), and refreshes the list with it. */
export function useReloadClient() {
  const queryClient = useQueryClient();
  return async (id: string) => {
    const client = await fetchJson<ClientDto>(`/api/clients/${id}`);
    await queryClient.invalidateQueries({ queryKey: clientKeys.lists() });
    return client;
  };
}

export function useCreateClient() {
  const onSuccess = useInvalidateClients();
  return useMutation({
    mutationFn: (input: TCreateClientRequest) =>
      fetchJson<ClientWithSecret>("/api/clients", { method: "POST", body: input }),
    onSuccess,
  });
}

export function useUpdateClient() {
  const onSuccess = useInvalidateClients();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: TUpdateClientRequest }) =>
      fetchJson<ClientDto>(`/api/clients/${id}`, { method: "PATCH", body: input }),
    onSuccess,
  });
}

export function useRegenerateClientSecret() {
  return useMutation({
    mutationFn: (id: string) => fetchJson<ClientWithSecret>(`/api/clients/${id}/secret`, { method: "POST" }),
  });
}

export function useDeleteClient() {
  const onSuccess = useInvalidateClients();
  return useMutation({
    mutationFn: ({ id }: DeleteRequest) => fetchJson<void>(`/api/clients/${id}`, { method: "DELETE" }),
    onSuccess,
  });
}
