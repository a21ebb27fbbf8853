"use client";
// The OpenAPI document of the JSON API, for the API reference page.
import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { OpenApiDocument } from "@/lib/openapi/document";

export const openApiKeys = { document: ["openapi"] as const };

/** It changes only with a new release of the console: fetched once per page load. */
export function useOpenApiDocument() {
  return useQuery({
    queryKey: openApiKeys.document,
    queryFn: () => fetchJson<OpenApiDocument>("/api/openapi.json"),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
