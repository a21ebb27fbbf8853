// The rules of a scope's lifecycle, for POST and PATCH alike:
//   active -> deprecated      a sunset is required, in the future; a replacement is optional
//   deprecated -> deprecated  the sunset may move (still in the future), the replacement and note change
//   deprecated -> active      undo: the sunset, replacement and note are cleared
//   active|deprecated -> retired   at once, one way; from then on the scope is read-only
// An active scope has no sunset, replacement or note. Whether a scope is retired at a moment
// (a deprecated one past its sunset is) is the issuing module's rule, lifecycleAt.
import { AppError, type FieldErrors } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { lifecycleAt, type ScopeLifecycle, sunsetHasPassed } from "@/lib/issuing";
import type { ScopeDto } from "@/lib/scopes/schemas";
import { dateOf, secondsOf } from "@/lib/time/epoch";

/** A scope's lifecycle columns, as stored and as written. */
export interface StoredLifecycle {
  lifecycle: ScopeLifecycle;
  deprecatedAt: Date | null;
  sunsetAt: Date | null;
  replacedBy: string | null;
  deprecationNote: string;
}

/** The lifecycle fields of a request, as its schema parsed them. */
export interface LifecycleInput {
  lifecycle?: ScopeLifecycle;
  sunsetAt?: string | null;
  replacedBy?: string | null;
  deprecationNote?: string;
}

/** What a new scope starts from. */
export const NEW_SCOPE_LIFECYCLE: StoredLifecycle = {
  lifecycle: "active",
  deprecatedAt: null,
  sunsetAt: null,
  replacedBy: null,
  deprecationNote: "",
};

const secondsOrNull = (date: Date | null) => (date ? secondsOf(date) : null);

/** The lifecycle a stored scope has at `now` (epoch seconds). */
export const currentLifecycle = (scope: Pick<StoredLifecycle, "lifecycle" | "sunsetAt">, now: number) =>
  lifecycleAt({ lifecycle: scope.lifecycle, sunsetAt: secondsOrNull(scope.sunsetAt) }, now);

const sameInstant = (a: string | null, b: string | null) =>
  a === null || b === null ? a === b : Date.parse(a) === Date.parse(b);

const DATE_FIELDS = new Set(["sunsetAt", "deprecatedAt", "createdAt", "updatedAt"]);

/** The fields of `input` whose value differs from the scope's (dates compared as instants). */
export function changedFields(before: ScopeDto, input: Record<string, unknown>): string[] {
  return Object.entries(input).flatMap(([field, value]) => {
    if (value === undefined) return [];
    const current = (before as unknown as Record<string, unknown>)[field];
    const same = DATE_FIELDS.has(field)
      ? sameInstant(value as string | null, current as string | null)
      : value === current;
    return same ? [] : [field];
  });
}

export const RETIRED_READ_ONLY = "This scope is retired: it can no longer be changed.";

/**
 * A retired scope is read-only: a PATCH that changes any field is refused (409), one that sends
 * the scope back unchanged is accepted and changes nothing.
 */
export function requireNotRetired(before: ScopeDto, input: Record<string, unknown>, now: number): boolean {
  const stored = { lifecycle: before.lifecycle, sunsetAt: before.sunsetAt ? new Date(before.sunsetAt) : null };
  if (currentLifecycle(stored, now) !== "retired") return false;
  const changed = changedFields(before, input);
  if (changed.length > 0) {
    throw new AppError("CONFLICT", RETIRED_READ_ONLY, Object.fromEntries(changed.map((f) => [f, [RETIRED_READ_ONLY]])));
  }
  return true;
}

type Tx = Pick<Prisma.TransactionClient, "apiScope">;

/** A replacement: another scope that exists and is still granted. */
async function replacementProblem(tx: Tx, replacedBy: string, ownName: string, now: number) {
  if (replacedBy === ownName) return "A scope cannot replace itself.";
  const replacement = await tx.apiScope.findUnique({
    where: { name: replacedBy },
    select: { lifecycle: true, sunsetAt: true },
  });
  if (!replacement) return `There is no scope named "${replacedBy}".`;
  if (
    currentLifecycle({ lifecycle: replacement.lifecycle as ScopeLifecycle, sunsetAt: replacement.sunsetAt }, now) ===
    "retired"
  ) {
    return `The scope "${replacedBy}" is retired; choose one that is still granted.`;
  }
  return null;
}

const ACTIVE_HAS_NONE = {
  sunsetAt: "An active scope has no sunset: deprecate it to set one.",
  replacedBy: "An active scope has no replacement: deprecate it to name one.",
  deprecationNote: "An active scope has no deprecation note: deprecate it to write one.",
} as const;
const RETIRE_AS_IS = "A scope is retired as it is: change this before retiring it, or send it unchanged.";

/**
 * The lifecycle columns to write for `input` on a scope that is not retired (`before`, or
 * NEW_SCOPE_LIFECYCLE for a new one named `name`); field errors (400) for what the rules refuse.
 */
export async function nextLifecycle(
  tx: Tx,
  name: string,
  before: StoredLifecycle,
  input: LifecycleInput,
  now: number,
): Promise<StoredLifecycle> {
  const current = currentLifecycle(before, now);
  const target = input.lifecycle ?? current;
  const errors: FieldErrors = {};
  const refuse = (field: string, message: string) => {
    errors[field] = [message];
  };
  let next: StoredLifecycle;

  if (target === "active") {
    if (input.sunsetAt != null) refuse("sunsetAt", ACTIVE_HAS_NONE.sunsetAt);
    if (input.replacedBy != null) refuse("replacedBy", ACTIVE_HAS_NONE.replacedBy);
    if (input.deprecationNote) refuse("deprecationNote", ACTIVE_HAS_NONE.deprecationNote);
    next = NEW_SCOPE_LIFECYCLE;
  } else if (target === "deprecated") {
    const kept = current === "deprecated" ? before : NEW_SCOPE_LIFECYCLE;
    const sunsetAt =
      input.sunsetAt === undefined ? kept.sunsetAt : input.sunsetAt === null ? null : new Date(input.sunsetAt);
    if (!sunsetAt) refuse("sunsetAt", "A deprecated scope needs a sunset: the date and time it is retired.");
    else if (sunsetHasPassed(secondsOf(sunsetAt), now)) refuse("sunsetAt", "The sunset must be in the future.");
    const replacedBy = input.replacedBy === undefined ? kept.replacedBy : input.replacedBy;
    if (replacedBy !== null && replacedBy !== kept.replacedBy) {
      const problem = await replacementProblem(tx, replacedBy, name, now);
      if (problem) refuse("replacedBy", problem);
    }
    next = {
      lifecycle: "deprecated",
      deprecatedAt: kept.deprecatedAt ?? dateOf(now),
      sunsetAt,
      replacedBy,
      deprecationNote: input.deprecationNote ?? kept.deprecationNote,
    };
  } else {
    for (const field of ["sunsetAt", "replacedBy", "deprecationNote"] as const) {
      const value = input[field];
      const stored = field === "sunsetAt" ? (before.sunsetAt?.toISOString() ?? null) : before[field];
      const same = field === "sunsetAt" ? sameInstant(value ?? null, stored) : value === stored;
      if (value !== undefined && !same) refuse(field, RETIRE_AS_IS);
    }
    // Retired now: the sunset says when, also for a scope retired before its planned one.
    const sunsetAt =
      before.sunsetAt && !sunsetHasPassed(secondsOf(before.sunsetAt), now) ? dateOf(now) : before.sunsetAt;
    next = { ...before, lifecycle: "retired", sunsetAt: sunsetAt ?? dateOf(now) };
  }

  const fields = Object.keys(errors);
  if (fields.length > 0) throw new AppError("BAD_REQUEST", errors[fields[0]][0], errors);
  return next;
}
