// Field rules shared by the console's resources.
import { z } from "zod";
import { formatDuration, parseDuration } from "@/lib/duration";
import { AppError } from "@/lib/errors";

export const NAME_MAX_LENGTH = 200;
export const DISPLAY_NAME_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 1000;

/** RFC 6749 section 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
export const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** A name that identifies a resource in the protocol: required, no spaces, quotes or backslashes. */
export const ZIdentifier = z
  .string({ error: "Name is required." })
  .trim()
  .min(1, "Name is required.")
  .max(NAME_MAX_LENGTH, `Name must be at most ${NAME_MAX_LENGTH} characters.`)
  .regex(SCOPE_TOKEN, 'Name may only contain visible ASCII characters other than " and \\ (no spaces).');

export const ZDisplayName = z
  .string({ error: "Display name must be text." })
  .trim()
  .max(DISPLAY_NAME_MAX_LENGTH, `Display name must be at most ${DISPLAY_NAME_MAX_LENGTH} characters.`);

export const ZDescription = z
  .string({ error: "Description must be text." })
  .trim()
  .max(DESCRIPTION_MAX_LENGTH, `Description must be at most ${DESCRIPTION_MAX_LENGTH} characters.`);

/** The version an edit was made from (lib/db/versioned.ts). */
export const ZVersion = z
  .number({ error: "Send the version you edited, as the resource gave it." })
  .int()
  .min(1)
  .max(2_147_483_647);

/**
 * Text that PostgreSQL can hold: no NUL, and UTF-16 that is Unicode (no unpaired surrogate, which
 * a \u escape in JSON can make). The database would fail a query with anything else, so every way
 * in (the JSON API, the authorization pages) refuses it first.
 */
export const isStorableText = (text: string) => !text.includes("\u0000") && text.isWellFormed();

/**
 * The instants a timestamp column takes as Prisma writes them: the years 1 to 9999 in UTC. An ISO
 * 8601 text has four digits of year, yet its offset can carry it outside (0001-01-01T00:00+01:00 is
 * in year 0, 9999-12-31T23:00-05:00 in 10000), and PostgreSQL refuses both.
 */
const FIRST_STORABLE_INSTANT = Date.parse("0001-01-01T00:00:00.000Z");
const LAST_STORABLE_INSTANT = Date.parse("9999-12-31T23:59:59.999Z");

/** An ISO 8601 date-time whose instant a timestamp column can hold; `local` also takes one without an offset. */
export const ZDateTime = ({ error, local = false }: { error: string; local?: boolean }) =>
  z.iso.datetime({ offset: true, local, error }).refine((value) => {
    const instant = Date.parse(value);
    return instant >= FIRST_STORABLE_INSTANT && instant <= LAST_STORABLE_INSTANT;
  }, "Give a date and time between the years 1 and 9999 (UTC).");

/** Paging parameters of every list endpoint. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
export const ZPaging = {
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  q: z.string().trim().max(NAME_MAX_LENGTH).default(""),
};

const ZPageFields = {
  total: z.number().int().min(0).describe("How many items match, on every page."),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  pageCount: z.number().int().min(1),
};

/** What every list endpoint answers: one page of items, and where it is. */
export const ZPage = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), ...ZPageFields });
export type Page<T> = { items: T[] } & z.infer<z.ZodObject<typeof ZPageFields>>;

/** Whether two types are the same, both ways. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/**
 * Holds a response schema to a type kept elsewhere (the issuing module's, which imports no zod):
 * `sameType<z.infer<typeof ZX>, X>(true)` fails the type-check once either gains a field.
 */
export const sameType = <A, B>(same: Same<A, B>) => same;

/** A moment as the JSON API answers it: an ISO 8601 date-time in UTC, as Date.toISOString() writes it. */
export const ZInstant = z.string().meta({ format: "date-time" });

/** A lifetime as the JSON API answers it: whole seconds, or null where it inherits. */
export const ZSecondsOrNull = z.number().int().min(1).nullable();

export function pageOf<T>(items: T[], total: number, page: number, pageSize: number): Page<T> {
  return { items, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/** `sort=name` ascending, `sort=-name` descending, over the given sortable fields. */
export function ZSort<const F extends readonly [string, ...string[]]>(fields: F, fallback: F[number]) {
  const values = fields.flatMap((field) => [field, `-${field}`]) as [string, ...string[]];
  return z
    .enum(values)
    .default(fallback)
    .transform((value) => {
      const descending = value.startsWith("-");
      return {
        field: (descending ? value.slice(1) : value) as F[number],
        direction: descending ? ("desc" as const) : ("asc" as const),
      };
    });
}

/** The longest lifetime any setting accepts: ten years. */
export const MAX_LIFETIME_SECONDS = 3650 * 86_400;
/** RFC 6749 section 4.1.2: an authorization code lives ten minutes at most. */
export const MAX_AUTHORIZATION_CODE_LIFETIME_SECONDS = 600;

/** What a lifetime may be typed as, for messages and hints. */
export const DURATION_EXAMPLES = "10 min, 1.5 h, 2 weeks, 1 y or PT10M";
const DURATION_MESSAGE = `Enter a duration such as ${DURATION_EXAMPLES}.`;

/**
 * What a lifetime field accepts: seconds (the JSON API), human units (the console's forms), blank
 * or null to inherit. It is the schemas' input type, which the forms' values are typed from.
 */
export type LifetimeInput = number | string | null | undefined;

/**
 * Human units ("10 min") become seconds; blank becomes null (inherit). Any other value passes
 * through unchanged to the number check (a request body may hold anything, whatever the type says).
 */
const toSeconds = (value: LifetimeInput) => {
  if (typeof value !== "string") return value;
  if (value.trim() === "") return null;
  return parseDuration(value) ?? value;
};

const seconds = (max: number) =>
  z
    .number({ error: DURATION_MESSAGE })
    .int(DURATION_MESSAGE)
    .min(1, "A lifetime must be at least 1 s.")
    .max(max, `A lifetime must be at most ${formatDuration(max)}.`);

/**
 * Marks a lifetime field's JSON Schema: its converter sees only the seconds the words become, and the
 * API description (lib/openapi) adds the words a request may send instead.
 */
export const DURATION_INPUT = "x-duration-input";
const lifetime = (description: string) => ({ description: `Seconds. ${description}`.trim(), [DURATION_INPUT]: true });

/** A lifetime in seconds, given as a number or in human units. */
export const ZLifetime = z.preprocess(toSeconds, seconds(MAX_LIFETIME_SECONDS)).meta(lifetime(""));
export const ZAuthorizationCodeLifetime = z
  .preprocess(toSeconds, seconds(MAX_AUTHORIZATION_CODE_LIFETIME_SECONDS))
  .meta(lifetime(""));
/** Like ZLifetime, where blank or null inherits. */
export const ZOptionalLifetime = z
  .preprocess(toSeconds, seconds(MAX_LIFETIME_SECONDS).nullable().optional())
  .meta(lifetime("Null (or, in a request, blank) inherits."));

/** The optional lifetimes of a scope, an API or a client. */
export const ZLifetimeOverrides = { accessTokenLifetime: ZOptionalLifetime, refreshTokenLifetime: ZOptionalLifetime };

/**
 * The JSON API is symmetric: what a GET answers, a PUT or PATCH takes back. The fields the server
 * sets come back optional in the update's schema; those that never change (an id, a creation time)
 * are refused, 400 on each, only when they differ from the stored value, and bookkeeping that moves
 * by itself (a count, updatedAt) is ignored: a stale edit is caught by its version instead.
 */
export const SET_BY_SERVER = "This field is set by the server and cannot be changed.";

const sameValue = (sent: unknown, stored: unknown) =>
  JSON.stringify(sent) === JSON.stringify(stored) ||
  // An instant may come back in another ISO 8601 form (2026-12-04T10:00:00Z for ...00.000Z).
  (typeof sent === "string" &&
    typeof stored === "string" &&
    !Number.isNaN(Date.parse(sent)) &&
    Date.parse(sent) === Date.parse(stored));

/** Refuses `sent` values of fields the server sets that differ from the resource's `stored` ones. */
export function requireServerFieldsUnchanged(stored: object, sent: Record<string, unknown>): void {
  const changed = Object.entries(sent)
    .filter(([field, value]) => value !== undefined && !sameValue(value, (stored as Record<string, unknown>)[field]))
    .map(([field]) => field);
  if (changed.length > 0) {
    throw new AppError(
      "BAD_REQUEST",
      SET_BY_SERVER,
      Object.fromEntries(changed.map((field) => [field, [SET_BY_SERVER]])),
    );
  }
}
