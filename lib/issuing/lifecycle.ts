// The one rule of when a scope is granted, by its lifecycle and the clock: a deprecated scope
// whose sunset has passed counts as retired at once, even before the sweep (lib/scopes/retire.ts)
// has stored it so.
import type { ScopeInfo, ScopeLifecycle } from "./types";

type Lifecycle = Pick<ScopeInfo, "lifecycle" | "sunsetAt">;

/** A deprecated scope is retired once `now` reaches its sunset (the sweep's `sunsetAt <= now`). */
export const sunsetHasPassed = (sunsetAt: number | null | undefined, now: number) =>
  sunsetAt !== null && sunsetAt !== undefined && sunsetAt <= now;

/** The lifecycle a scope has at `now` (epoch seconds). */
export function lifecycleAt(scope: Lifecycle, now: number): ScopeLifecycle {
  const lifecycle = scope.lifecycle ?? "active";
  if (lifecycle === "deprecated" && sunsetHasPassed(scope.sunsetAt, now)) return "retired";
  return lifecycle;
}

export const isRetiredAt = (scope: Lifecycle, now: number) => lifecycleAt(scope, now) === "retired";

/** What a token response and the consent screen say about a granted deprecated scope. */
export interface DeprecatedScope {
  name: string;
  /** Epoch seconds, or null when it was marked deprecated without a date. */
  deprecatedAt: number | null;
  /** Epoch seconds. */
  sunsetAt: number | null;
  note: string;
  /** The replacement's name, and what users call it (its display name, else its name). */
  replacedBy: string | null;
  replacementLabel: string | null;
  /** The replacement's documentation (the deprecation Link of the token response). */
  replacementDocumentationUrl: string | null;
}

/** The deprecation of a scope granted at `now`, or null when it is active. */
export function deprecationOf(
  scope: ScopeInfo,
  catalogue: ReadonlyMap<string, ScopeInfo>,
  now: number,
): DeprecatedScope | null {
  if (lifecycleAt(scope, now) !== "deprecated") return null;
  const replacement = scope.replacedBy ? catalogue.get(scope.replacedBy) : undefined;
  return {
    name: scope.name,
    deprecatedAt: scope.deprecatedAt ?? null,
    sunsetAt: scope.sunsetAt ?? null,
    note: scope.deprecationNote ?? "",
    replacedBy: scope.replacedBy ?? null,
    replacementLabel: replacement ? replacement.displayName || replacement.name : (scope.replacedBy ?? null),
    replacementDocumentationUrl: replacement?.documentationUrl ?? null,
  };
}
