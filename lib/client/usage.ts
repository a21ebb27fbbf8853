"use client";
// Query hooks for scope usage, access review and deprecations.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson, toQueryString } from "@/lib/client/fetch-json";
import type { ClientReviewDto, ClientReviewsDto, DeprecationsDto, ScopeUsageDto } from "@/lib/usage/schemas";
import { USAGE_FLUSH_MS } from "@/lib/usage/settings";

export const usageKeys = {
  scope: (apiId: string, scopeId: string, days: number) => ["usage", apiId, scopeId, days] as const,
  reviews: (ids: string[], days: number) => ["clients", "reviews", ids, days] as const,
  review: (id: string, days: number) => ["clients", "review", id, days] as const,
  deprecations: ["deprecations"] as const,
};

/** A scope's usage over the last `days` days; nothing is fetched for a null scope. */
export function useScopeUsage(apiId: string, scopeId: string | null, days: number) {
  return useQuery({
    queryKey: usageKeys.scope(apiId, scopeId ?? "", days),
    queryFn: () => fetchJson<ScopeUsageDto>(`/api/apis/${apiId}/scopes/${scopeId}/usage${toQueryString({ days })}`),
    enabled: scopeId !== null,
    placeholderData: keepPreviousData,
    // Counts reach the database every flush: asking more often shows nothing new.
    refetchInterval: USAGE_FLUSH_MS,
  });
}

/** The access reviews of the clients shown on one page of the Clients table. */
export function useClientReviews(ids: string[], days: number) {
  return useQuery({
    queryKey: usageKeys.reviews(ids, days),
    queryFn: () => fetchJson<ClientReviewsDto>(`/api/clients/review${toQueryString({ ids: ids.join(","), days })}`),
    enabled: ids.length > 0,
    placeholderData: keepPreviousData,
  });
}

/** One client's access review; nothing is fetched for null. */
export function useClientReview(id: string | null, days: number) {
  return useQuery({
    queryKey: usageKeys.review(id ?? "", days),
    queryFn: () => fetchJson<ClientReviewDto>(`/api/clients/${id}/review${toQueryString({ days })}`),
    enabled: id !== null,
  });
}

export function useDeprecations() {
  return useQuery({
    queryKey: usageKeys.deprecations,
    queryFn: () => fetchJson<DeprecationsDto>("/api/deprecations"),
  });
}
