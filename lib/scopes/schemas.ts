// One schema per scope operation; the API Scope dialog and the route handlers both use them.
import { z } from "zod";
import { SCOPE_LIFECYCLES, type ScopeLifecycle } from "@/lib/issuing";
import {
  DESCRIPTION_MAX_LENGTH,
  NAME_MAX_LENGTH,
  ZDateTime,
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

export { SCOPE_LIFECYCLES, type ScopeLifecycle };

export const LIFECYCLE_LABELS: Record<ScopeLifecycle, string> = {
  active: "Active",
  deprecated: "Deprecated",
  retired: "Retired",
};

export const DOCUMENTATION_URL_MAX_LENGTH = 2000;
export const DEPRECATION_NOTE_MAX_LENGTH = DESCRIPTION_MAX_LENGTH;

const parseUrl = (value: string) => {
  try {
    return new URL(value);
  } catch {
    return null;
  }
};

/** Blank text (the console's empty inputs) means null; anything else passes through to the check. */
const blankToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

export const ZLifecycle = z.enum(SCOPE_LIFECYCLES, { error: "Lifecycle must be active, deprecated or retired." });

/** An https URL, stored as the URL standard writes it (so that it fits in a Link header); blank is null. */
export const ZDocumentationUrl = z.preprocess(
  blankToNull,
  z
    .string({ error: "Documentation URL must be text." })
    .trim()
    .max(DOCUMENTATION_URL_MAX_LENGTH, `Documentation URL must be at most ${DOCUMENTATION_URL_MAX_LENGTH} characters.`)
    .refine((value) => parseUrl(value)?.protocol === "https:", "Documentation URL must be an https:// URL.")
    .transform((value) => (parseUrl(value) as URL).href)
    .nullable(),
);

/** When a deprecated scope is retired: an ISO 8601 date-time with its offset; blank is null. */
export const ZSunsetAt = z.preprocess(
  blankToNull,
  ZDateTime({ error: "Sunset must be a date and time such as 2027-01-31T00:00:00Z." }).nullable(),
);

/** The name of the scope that replaces a deprecated one; blank is null. */
export const ZReplacedBy = z.preprocess(
  blankToNull,
  z
    .string({ error: "Replacement must be a scope name." })
    .trim()
    .max(NAME_MAX_LENGTH, `Replacement must be at most ${NAME_MAX_LENGTH} characters.`)
    .nullable(),
);

export const ZDeprecationNote = z
  .string({ error: "Deprecation note must be text." })
  .trim()
  .max(DEPRECATION_NOTE_MAX_LENGTH, `Deprecation note must be at most ${DEPRECATION_NOTE_MAX_LENGTH} characters.`);

/** The lifecycle fields of a request; the rules between them are in lib/scopes/lifecycle.ts. */
export const ZLifecycleFields = {
  lifecycle: ZLifecycle,
  sunsetAt: ZSunsetAt,
  replacedBy: ZReplacedBy,
  deprecationNote: ZDeprecationNote,
};

/**
 * Fields the server sets: a GET body sent back to PATCH may carry them, unchanged (a change is a
 * 400 on that field).
 */
const ZReadOnlyFields = {
  id: z.string().optional(),
  apiId: z.string().optional(),
  deprecatedAt: z.string().nullable().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
};
export const SCOPE_READ_ONLY_FIELDS = ["id", "apiId", "deprecatedAt", "createdAt", "updatedAt"] as const;

const ZScopeAttributes = z.object({
  displayName: ZDisplayName,
  description: ZDescription,
  required: z.boolean({ error: "Required must be true or false." }),
  emphasize: z.boolean({ error: "Emphasize must be true or false." }),
  showInDiscoveryDocument: z.boolean({ error: "Show in discovery document must be true or false." }),
  documentationUrl: ZDocumentationUrl,
  ...ZLifetimeOverrides,
  ...ZLifecycleFields,
});

export const ZCreateScopeRequest = ZScopeAttributes.partial().extend({ name: ZIdentifier }).strict();
export type TCreateScopeRequest = z.infer<typeof ZCreateScopeRequest>;

/** The name is read-only once created: it may be sent back unchanged, never changed. */
export const ZUpdateScopeRequest = ZScopeAttributes.partial()
  .extend({ name: z.string().optional(), version: ZVersion, ...ZReadOnlyFields })
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

/** A flag filter of the scope list: `true` or `false` (blank or absent: either). */
const ZFlagFilter = (label: string) =>
  z
    .preprocess(
      (value) => (value === "" ? undefined : value),
      z.enum(["true", "false"], { error: `${label} must be true or false.` }).optional(),
    )
    .transform((value) => (value === undefined ? undefined : value === "true"));

/** The flags the scope list filters by (and a bulk update sets). */
export const SCOPE_FLAGS = ["required", "emphasize", "showInDiscoveryDocument"] as const;
export type ScopeFlag = (typeof SCOPE_FLAGS)[number];
export const SCOPE_FLAG_LABELS: Record<ScopeFlag, string> = {
  required: "Required",
  emphasize: "Emphasize",
  showInDiscoveryDocument: "Show in discovery",
};

export const ZListScopesQuery = z.object({
  ...ZPaging,
  sort: ZSort(SCOPE_SORT_FIELDS, "name"),
  /** Only the scopes in this lifecycle; all of them without it. */
  lifecycle: ZLifecycle.optional(),
  /** Only the scopes with (true) or without (false) each flag. */
  required: ZFlagFilter("Required"),
  emphasize: ZFlagFilter("Emphasize"),
  showInDiscoveryDocument: ZFlagFilter("Show in discovery document"),
});
export type TListScopesQuery = z.infer<typeof ZListScopesQuery>;

/** A scope as the JSON API returns it. */
export const ZScopeDto = z.object({
  id: z.string(),
  apiId: z.string(),
  name: z.string(),
  displayName: z.string(),
  description: z.string(),
  required: z.boolean(),
  emphasize: z.boolean(),
  showInDiscoveryDocument: z.boolean(),
  accessTokenLifetime: ZSecondsOrNull,
  refreshTokenLifetime: ZSecondsOrNull,
  documentationUrl: z.string().nullable(),
  lifecycle: ZLifecycle,
  deprecatedAt: ZInstant.nullable().describe("Read-only: set by the server when the scope becomes deprecated."),
  sunsetAt: ZInstant.nullable(),
  replacedBy: z.string().nullable(),
  deprecationNote: z.string(),
  version: z.number().int(),
  createdAt: ZInstant,
  updatedAt: ZInstant,
});
export type ScopeDto = z.infer<typeof ZScopeDto>;

/** What a change to scopes reaches (lib/scopes/impact.ts says it in words). */
export const ZScopeImpact = z.object({
  allowedClients: z.number().int().min(0).describe("Clients allowed any of the scopes."),
  consents: z.number().int().min(0).describe("Users' remembered consents that include any of them."),
  liveGrants: z
    .number()
    .int()
    .min(0)
    .describe("Grants not revoked whose tokens may still be in use, that hold any of them."),
});
export type ScopeImpact = z.infer<typeof ZScopeImpact>;

/** At most this many scopes in one bulk change (a page of the list). */
export const MAX_BULK_SCOPES = 100;

const ZBulkIds = z
  .array(z.string({ error: "Each id must be a scope id." }).min(1).max(NAME_MAX_LENGTH), {
    error: "ids must be a list of scope ids.",
  })
  .min(1, "Select at least one scope.")
  .max(MAX_BULK_SCOPES, `At most ${MAX_BULK_SCOPES} scopes at once.`)
  .refine((ids) => new Set(ids).size === ids.length, "Each scope may be named once.");

/**
 * POST /api/apis/{id}/scopes/bulk: sets flags of several scopes, or deletes them, in one
 * transaction. A delete of scopes in use needs `confirm`: their count, as text ("3").
 */
export const ZBulkScopesRequest = z.discriminatedUnion(
  "action",
  [
    z
      .object({
        action: z.literal("update"),
        ids: ZBulkIds,
        set: ZScopeAttributes.pick({ required: true, emphasize: true, showInDiscoveryDocument: true })
          .partial()
          .strict()
          .refine(
            (set) => Object.keys(set).length > 0,
            "Set at least one of required, emphasize, showInDiscoveryDocument.",
          ),
      })
      .strict(),
    z
      .object({ action: z.literal("delete"), ids: ZBulkIds, confirm: z.string().max(NAME_MAX_LENGTH).optional() })
      .strict(),
  ],
  { error: "action must be update or delete." },
);
export type TBulkScopesRequest = z.infer<typeof ZBulkScopesRequest>;

/** What a bulk change did: the scopes changed (an update's, as they are now) or deleted. */
export const ZBulkScopesResult = z.object({
  action: z.enum(["update", "delete"]),
  changed: z
    .number()
    .int()
    .min(0)
    .describe("How many scopes it changed (an update leaves out those that already had the flags)."),
  items: z.array(ZScopeDto).describe("An update's scopes, as they are now."),
});
export type BulkScopesResult = z.infer<typeof ZBulkScopesResult>;

/** GET /api/scopes: the scope directory across APIs, by name. */
export const ZScopeDirectoryQuery = z.object({ ...ZPaging });
export type TScopeDirectoryQuery = z.infer<typeof ZScopeDirectoryQuery>;

/** A scope in the directory, with the API it belongs to. */
export const ZScopeDirectoryEntry = z.object({
  name: z.string(),
  displayName: z.string(),
  lifecycle: ZLifecycle,
  apiId: z.string(),
  apiName: z.string(),
  apiDisplayName: z.string(),
});
export type ScopeDirectoryEntry = z.infer<typeof ZScopeDirectoryEntry>;
