// One schema per scope operation; the API Scope dialog and the route handlers both use them.
import { z } from "zod";
import {
  NAME_MAX_LENGTH,
  ZDescription,
  ZDisplayName,
  ZIdentifier,
  ZLifetimeOverrides,
  ZPaging,
  ZSort,
  ZVersion,
} from "@/lib/validation";

const ZScopeAttributes = z.object({
  displayName: ZDisplayName,
  description: ZDescription,
  required: z.boolean({ error: "Required must be true or false." }),
  emphasize: z.boolean({ error: "Emphasize must be true or false." }),
  showInDiscoveryDocument: z.boolean({ error: "Show in discovery document must be true or false." }),
  ...ZLifetimeOverrides,
});

export const ZCreateScopeRequest = ZScopeAttributes.partial().extend({ name: ZIdentifier }).strict();
export type TCreateScopeRequest = z.infer<typeof ZCreateScopeRequest>;

/** The name is read-only once created: it may be sent back unchanged, never changed. */
export const ZUpdateScopeRequest = ZScopeAttributes.partial()
  .extend({ name: z.string().optional(), version: ZVersion })
  .strict();
export type TUpdateScopeRequest = z.infer<typeof ZUpdateScopeRequest>;

export const SCOPE_SORT_FIELDS = [
  "name",
  "displayName",
  "description",
  "required",
  "emphasize",
  "showInDiscoveryDocument",
  "createdAt",
  "updatedAt",
] as const;
export type ScopeSortField = (typeof SCOPE_SORT_FIELDS)[number];

/** Deleting a scope (or an API) in use: the request names it again to confirm (409 otherwise). */
export const ZDeleteQuery = z.object({ confirm: z.string().max(NAME_MAX_LENGTH).optional() });
export type TDeleteQuery = z.infer<typeof ZDeleteQuery>;

export const ZListScopesQuery = z.object({ ...ZPaging, sort: ZSort(SCOPE_SORT_FIELDS, "name") });
export type TListScopesQuery = z.infer<typeof ZListScopesQuery>;

/** A scope as the JSON API returns it. */
export interface ScopeDto {
  id: string;
  apiId: string;
  name: string;
  displayName: string;
  description: string;
  required: boolean;
  emphasize: boolean;
  showInDiscoveryDocument: boolean;
  accessTokenLifetime: number | null;
  refreshTokenLifetime: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}
