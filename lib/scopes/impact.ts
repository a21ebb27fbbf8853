// What a change to scopes reaches, as numbers and in words: the console's dialogs and the 409 of
// a delete in use say it the same way. Pure: the browser imports it too.

import type { ScopeImpact } from "@/lib/scopes/schemas";

export type { ScopeImpact };

export const NO_IMPACT: ScopeImpact = { allowedClients: 0, consents: 0, liveGrants: 0 };

export const inUse = (impact: ScopeImpact) => impact.allowedClients + impact.consents + impact.liveGrants > 0;

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** "2 clients may request it; 1 consent and 3 live grants hold it." */
export function describeImpact(impact: ScopeImpact, it = "it"): string {
  if (!inUse(impact))
    return `Nothing uses ${it}: no client may request ${it}, and no consent or live grant holds ${it}.`;
  return `${count(impact.allowedClients, "client")} may request ${it}; ${count(impact.consents, "consent")} and ${count(impact.liveGrants, "live grant")} hold ${it}.`;
}

/** What saving a change to a scope's lifetimes or Required reaches. */
export const describeEditImpact = (impact: ScopeImpact) =>
  `This change reaches ${count(impact.allowedClients, "client")} and ${count(impact.liveGrants, "live grant")}.`;
