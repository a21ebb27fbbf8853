// The consent screen as the user sees it: emphasized scopes first and marked, required scopes
// checked and locked; a deprecated scope says when it stops working and what replaces it.
import { dateOf } from "@/lib/time/epoch";
import { type DeprecatedScope, deprecationOf } from "./lifecycle";
import type { ScopeInfo } from "./types";

export interface ConsentScope {
  name: string;
  displayName: string;
  description: string;
  required: boolean;
  emphasize: boolean;
  /** Ticked when the screen opens. */
  checked: boolean;
  /** The user cannot untick it. */
  locked: boolean;
  /** Null while the scope is active. */
  deprecation: DeprecatedScope | null;
}

export interface ConsentScreen {
  scopes: ConsentScope[];
}

const rank = (scope: ScopeInfo) => (scope.emphasize ? 0 : 2) + (scope.required ? 0 : 1);

/** `catalogue` names the replacements of deprecated scopes; `now` (epoch seconds) decides what is deprecated. */
export function consentScreen(
  scopes: ScopeInfo[],
  catalogue: ReadonlyMap<string, ScopeInfo>,
  now: number,
): ConsentScreen {
  const ordered = [...scopes].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  return {
    scopes: ordered.map((scope) => ({
      name: scope.name,
      displayName: scope.displayName || scope.name,
      description: scope.description,
      required: scope.required,
      emphasize: scope.emphasize,
      checked: true,
      locked: scope.required,
      deprecation: deprecationOf(scope, catalogue, now),
    })),
  };
}

/** The scopes the user agreed to: those they left ticked, and always the required ones. */
export function applyConsent(screen: ConsentScreen, ticked: Iterable<string>): string[] {
  const chosen = new Set(ticked);
  return screen.scopes.filter((scope) => scope.locked || chosen.has(scope.name)).map((scope) => scope.name);
}

/** When a deprecated scope stops working, in words: "January 1, 2027 at 12:00 AM UTC". */
const SUNSET_FORMAT = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });

/** What the consent page says of a deprecated scope: that it is, until when, and what replaces it. */
export function deprecationText(deprecation: DeprecatedScope): string {
  const until =
    deprecation.sunsetAt === null
      ? "It will stop working soon."
      : `It stops working on ${SUNSET_FORMAT.format(dateOf(deprecation.sunsetAt))} UTC.`;
  const replacement = deprecation.replacementLabel ? ` It is replaced by ${deprecation.replacementLabel}.` : "";
  const note = deprecation.note ? ` ${deprecation.note}` : "";
  return `This permission is deprecated. ${until}${replacement}${note}`;
}
