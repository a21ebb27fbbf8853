// One schema per usage operation, and what each answers: the browser imports these types.
import { z } from "zod";
import {
  DEFAULT_REVIEW_DAYS,
  DEFAULT_USAGE_DAYS,
  DEPRECATION_CLIENT_DAYS,
  MAX_REVIEW_CLIENTS,
  MAX_USAGE_DAYS,
} from "@/lib/usage/settings";
import { ZInstant } from "@/lib/validation";

const DAYS_MESSAGE = `Days must be a whole number from 1 to ${MAX_USAGE_DAYS}.`;

/** A window of whole UTC days that ends today. */
const ZDays = (fallback: number) =>
  z.coerce
    .number({ error: DAYS_MESSAGE })
    .int(DAYS_MESSAGE)
    .min(1, DAYS_MESSAGE)
    .max(MAX_USAGE_DAYS, DAYS_MESSAGE)
    .default(fallback);

/** GET /api/apis/{apiId}/scopes/{scopeId}/usage */
export const ZScopeUsageQuery = z.object({ days: ZDays(DEFAULT_USAGE_DAYS) });
export type TScopeUsageQuery = z.infer<typeof ZScopeUsageQuery>;

/** GET /api/clients/{id}/review */
export const ZClientReviewQuery = z.object({ days: ZDays(DEFAULT_REVIEW_DAYS) });
export type TClientReviewQuery = z.infer<typeof ZClientReviewQuery>;

const IDS_MESSAGE = `Send ids as 1 to ${MAX_REVIEW_CLIENTS} client ids separated by commas.`;

/** GET /api/clients/review?ids=a,b,c: one page of the Clients page at once. */
export const ZClientReviewsQuery = ZClientReviewQuery.extend({
  ids: z
    .string({ error: IDS_MESSAGE })
    .transform((value) => [...new Set(value.split(",").map((id) => id.trim()))].filter(Boolean))
    .pipe(z.array(z.string()).min(1, IDS_MESSAGE).max(MAX_REVIEW_CLIENTS, IDS_MESSAGE)),
});
export type TClientReviewsQuery = z.infer<typeof ZClientReviewsQuery>;

/** Tokens issued that carry the scope on one UTC day. */
export const ZDailyCount = z.object({
  date: z.iso.date().describe("YYYY-MM-DD, UTC."),
  count: z.number().int().min(0),
});
export type DailyCount = z.infer<typeof ZDailyCount>;

const ZClientIdentity = {
  clientId: z.string().describe("The OAuth client_id."),
  name: z.string(),
};

export const ZScopeUsageClientDto = z.object({
  ...ZClientIdentity,
  allowed: z.boolean().describe("Whether the client may request the scope now."),
  lastRequestedAt: ZInstant.nullable().describe("Its latest token carrying the scope, ever, or null."),
  tokensIssued: z.number().int().min(0).describe("Its tokens carrying the scope in the window."),
});
export type ScopeUsageClientDto = z.infer<typeof ZScopeUsageClientDto>;

/** What GET /api/apis/{apiId}/scopes/{scopeId}/usage answers. */
export const ZScopeUsageDto = z.object({
  allowedClients: z.number().int().min(0).describe("Clients allowed the scope."),
  requestingClients: z.number().int().min(0).describe("Clients issued a token carrying it in the window."),
  lastRequestedAt: ZInstant.nullable().describe("The latest token carrying it, ever, or null."),
  consents: z.number().int().min(0).describe("Remembered consents that hold it."),
  liveGrants: z.number().int().min(0).describe("Grants not revoked whose tokens may still be in use, that hold it."),
  tokensIssued: z
    .array(ZDailyCount)
    .describe("One entry per day of the window, oldest first, today last, days without tokens as 0."),
  clients: z
    .array(ZScopeUsageClientDto)
    .describe("Every client allowed it, and every client that requested it in the window."),
});
export type ScopeUsageDto = z.infer<typeof ZScopeUsageDto>;

/** An allowed scope the client was not granted in the window. */
export const ZUnusedScope = z.object({
  name: z.string(),
  lastRequestedAt: ZInstant.nullable().describe("When it was last granted (before the window), or null: never."),
});
export type UnusedScope = z.infer<typeof ZUnusedScope>;

/** What GET /api/clients/{id}/review answers. */
export const ZClientReviewDto = z.object({ unusedScopes: z.array(ZUnusedScope).describe("In name order.") });
export type ClientReviewDto = z.infer<typeof ZClientReviewDto>;

/** What GET /api/clients/review answers: the listed clients the actor manages, by row id. */
export const ZClientReviewsDto = z.object({ reviews: z.record(z.string(), ZClientReviewDto) });
export type ClientReviewsDto = z.infer<typeof ZClientReviewsDto>;

export const ZDeprecationClientDto = z.object({
  ...ZClientIdentity,
  lastRequestedAt: ZInstant,
  tokensIssued: z
    .number()
    .int()
    .min(0)
    .describe(`Its tokens carrying the scope in the last ${DEPRECATION_CLIENT_DAYS} days.`),
});
export type DeprecationClientDto = z.infer<typeof ZDeprecationClientDto>;

export const ZDeprecationDto = z.object({
  scopeId: z.string(),
  apiId: z.string(),
  apiName: z.string(),
  name: z.string(),
  displayName: z.string(),
  sunsetAt: ZInstant.nullable().describe("Null when no retirement is planned."),
  daysLeft: z
    .number()
    .int()
    .min(0)
    .nullable()
    .describe("Whole days until sunsetAt (rounded up, 0 once passed), or null without one."),
  replacedBy: z.string().nullable(),
  deprecationNote: z.string(),
  clients: z
    .array(ZDeprecationClientDto)
    .describe(`Clients that requested it in the last ${DEPRECATION_CLIENT_DAYS} days, most recent first.`),
});
export type DeprecationDto = z.infer<typeof ZDeprecationDto>;

/** What GET /api/deprecations answers. */
export const ZDeprecationsDto = z.object({
  items: z.array(ZDeprecationDto).describe("Ordered by sunsetAt, soonest first (none last)."),
});
export type DeprecationsDto = z.infer<typeof ZDeprecationsDto>;
