"use client";
// Query keys and hooks for users (admins only).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ListParams } from "@/lib/client/apis";
import { fetchJson, toQueryString } from "@/lib/client/fetch-json";
import type { TCreateUserRequest, TResetPasswordRequest, TUpdateUserRequest, UserDto } from "@/lib/users/schemas";
import type { Page } from "@/lib/validation";

export const userKeys = {
  all: ["users"] as const,
  list: (params: ListParams) => [...userKeys.all, "list", params] as const,
};

export function useUsers(params: ListParams) {
  return useQuery({
    queryKey: userKeys.list(params),
    queryFn: () => fetchJson<Page<UserDto>>(`/api/users${toQueryString({ ...params })}`),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: userKeys.all });
}

/** Loads a user's current version (after a 409: someone else saved it), and refreshes the list with it. */
export function useReloadUser() {
  const queryClient = useQueryClient();
  return async (id: string) => {
    const user = await fetchJson<UserDto>(`/api/users/${id}`);
    await queryClient.invalidateQueries({ queryKey: userKeys.all });
    return user;
  };
}

export function useCreateUser() {
  const onSuccess = useInvalidateUsers();
  return useMutation({
    mutationFn: (input: TCreateUserRequest) => fetchJson<UserDto>("/api/users", { method: "POST", body: input }),
    onSuccess,
  });
}

export function useUpdateUser() {
  const onSuccess = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: TUpdateUserRequest }) =>
      fetchJson<UserDto>(`/api/users/${id}`, { method: "PATCH", body: input }),
    onSuccess,
  });
}

export function useResetPassword() {
  const onSuccess = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: TResetPasswordRequest }) =>
      fetchJson<UserDto>(`/api/users/${id}/password`, { method: "PUT", body: input }),
    onSuccess,
  });
}
