"use client";
// Query keys and hooks for the audit log (admins only).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { AuditEventDto } from "@/lib/audit/schemas";
import { fetchJson, toQueryString } from "@/lib/client/fetch-json";
import type { Page } from "@/lib/validation";

export interface AuditFilters {
  resourceType: string;
  actor: string;
  /** ISO 8601 instants, or "". */
  from: string;
  to: string;
  page: number;
  pageSize: number;
}

export function useAuditLog(filters: AuditFilters) {
  return useQuery({
    queryKey: ["audit", filters] as const,
    queryFn: () => fetchJson<Page<AuditEventDto>>(`/api/audit${toQueryString({ ...filters })}`),
    placeholderData: keepPreviousData,
  });
}
