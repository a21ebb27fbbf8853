// One schema per usage operation, and what each answers: the browser imports these types.
import { z } from "zod";
import { DEFAULT_REVIEW_DAYS, DEFAULT_USAGE_DAYS, MAX_REVIEW_CLIENTS, MAX_USAGE_DAYS } from "@/lib/usage/settings";

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
export interface DailyCount {
  /** "YYYY-MM-DD", UTC. */
  date: string;
  count: number;
}

export interface ScopeUsageClientDto {
  /** The OAuth client_id. */
  clientId: string;
  name: string;
  /** Whether the client may request the scope now. */
  allowed: boolean;
  /** Its latest token carrying the scope, ever (ISO 8601), or null. */
  lastRequestedAt: string | null;
  /** Its tokens carrying the scope in the window. */
  tokensIssued: number;
}

/** What GET /api/apis/{apiId}/scopes/{scopeId}/usage answers. */
export interface ScopeUsageDto {
  /** Clients allowed the scope. */
  allowedClients: number;
  /** Clients issued a token carrying it in the window. */
  requestingClients: number;
  /** The latest token carrying it, ever (ISO 8601), or null. */
  lastRequestedAt: string | null;
  /** Remembered consents that hold it. */
  consents: number;
  /** Grants not revoked whose tokens may still be in use, that hold it. */
  liveGrants: number;
  /** One entry per day of the window, oldest first, today last, days without tokens as 0. */
  tokensIssued: DailyCount[];
  /** Every client allowed it, and every client that requested it in the window. */
  clients: ScopeUsageClientDto[];
}

/** An allowed scope the client was not granted in the window. */
export interface UnusedScope {
  name: string;
  /** When it was last granted (before the window), or null: never. */
  lastRequestedAt: string | null;
}

/** What GET /api/clients/{id}/review answers. */
export interface ClientReviewDto {
  /** In name order. */
  unusedScopes: UnusedScope[];
}

/** What GET /api/clients/review answers: the listed clients the actor manages, by row id. */
export interface ClientReviewsDto {
  reviews: Record<string, ClientReviewDto>;
}

export interface DeprecationClientDto {
  /** The OAuth client_id. */
  clientId: string;
  name: string;
  /** ISO 8601. */
  lastRequestedAt: string;
  /** Its tokens carrying the scope in the last DEPRECATION_CLIENT_DAYS days. */
  tokensIssued: number;
}

export interface DeprecationDto {
  scopeId: string;
  apiId: string;
  apiName: string;
  name: string;
  displayName: string;
  /** ISO 8601, or null when no retirement is planned. */
  sunsetAt: string | null;
  /** Whole days until sunsetAt (rounded up, 0 once passed), or null without one. */
  daysLeft: number | null;
  replacedBy: string | null;
  deprecationNote: string;
  /** Clients that requested it in the last DEPRECATION_CLIENT_DAYS days, most recent first. */
  clients: DeprecationClientDto[];
}

/** What GET /api/deprecations answers. */
export interface DeprecationsDto {
  /** Ordered by sunsetAt, soonest first (none last). */
  items: DeprecationDto[];
}
