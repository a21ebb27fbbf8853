// One schema per API operation; the API dialog, the Settings tab and the handlers use them.
import { z } from "zod";
import { isResourceIndicator, RESOURCE_URI_MAX_LENGTH } from "@/lib/issuing";
import {
  ZDescription,
  ZDisplayName,
  ZIdentifier,
  ZInstant,
  ZLifetimeOverrides,
  ZPaging,
  ZSecondsOrNull,
  ZSort,
  ZVersion,
} from "@/lib/validation";

/** An API's RFC 8707 resource identifier: what a client names in `resource`, and the token's `aud`. */
export const ZResourceUri = z
  .string({ error: "Resource identifier must be text." })
  .trim()
  .min(1, "Resource identifier is required.")
  .max(RESOURCE_URI_MAX_LENGTH, `Resource identifier must be at most ${RESOURCE_URI_MAX_LENGTH} characters.`)
  .refine(isResourceIndicator, "Resource identifier must be an absolute URI without a fragment (RFC 8707).");

const ZApiAttributes = z.object({
  displayName: ZDisplayName,
  description: ZDescription,
  resourceUri: ZResourceUri,
  ...ZLifetimeOverrides,
});

export const ZCreateApiRequest = ZApiAttributes.partial().extend({ name: ZIdentifier }).strict();
export type TCreateApiRequest = z.infer<typeof ZCreateApiRequest>;

/**
 * Like a scope's, an API's name is read-only once created. What GET answers may come back: the
 * fields the server sets are ignored when unchanged (lib/validation.ts requireServerFieldsUnchanged).
 */
export const ZUpdateApiRequest = ZApiAttributes.partial()
  .extend({
    name: z.string().optional(),
    version: ZVersion,
    id: z.string().optional(),
    builtIn: z.boolean().optional(),
    scopeCount: z.number().optional(),
    createdAt: z.string().optional(),
    updatedAt: z.string().optional(),
  })
  .strict();
export type TUpdateApiRequest = z.infer<typeof ZUpdateApiRequest>;

export const API_SORT_FIELDS = ["name", "displayName", "createdAt"] as const;
export const ZListApisQuery = z.object({ ...ZPaging, sort: ZSort(API_SORT_FIELDS, "name") });
export type TListApisQuery = z.infer<typeof ZListApisQuery>;

/** An API as the JSON API answers it. */
export const ZApiDto = z.object({
  id: z.string(),
  name: z.string(),
  displayName: z.string(),
  description: z.string(),
  resourceUri: z
    .string()
    .describe("The RFC 8707 resource identifier: `resource` names it, and tokens for it have it as `aud`."),
  accessTokenLifetime: ZSecondsOrNull,
  refreshTokenLifetime: ZSecondsOrNull,
  /** The console's own API (lib/scopes/built-in.ts): never deleted, no owners, no new scopes. */
  builtIn: z.boolean(),
  scopeCount: z.number().int().min(0),
  version: z.number().int(),
  createdAt: ZInstant,
  updatedAt: ZInstant,
});
export type ApiDto = z.infer<typeof ZApiDto>;
