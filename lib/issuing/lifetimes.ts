// "The most restrictive setting wins": a lifetime is the smallest of the default that applies
// and every lifetime set on a granted scope or on the client. For access tokens an API's own
// default replaces the service default for its scopes. For refresh tokens an API's default only
// caps: offline_access alone makes a refresh token long-lived, so no API default can lengthen one.
import { formatDuration } from "@/lib/duration";
import { type Candidate, describeCandidate } from "./explanation";
import type { ClientInfo, LifetimeOverrides, ScopeInfo } from "./types";

type Kind = keyof LifetimeOverrides;

export interface LifetimeChoice {
  value: number;
  decidedBy: Candidate;
  candidates: Candidate[];
}

export function lifetimeCandidates(
  kind: Kind,
  serviceDefault: Candidate,
  scopes: ScopeInfo[],
  client: ClientInfo | null,
): Candidate[] {
  const defaults = new Map<string, Candidate>();
  // An API's refresh default only caps: the service's (offline or not) always takes part.
  if (kind === "refreshTokenLifetime") defaults.set("service", serviceDefault);
  for (const scope of scopes) {
    const apiDefault = scope.api[kind];
    if (apiDefault === null) defaults.set("service", serviceDefault);
    else
      defaults.set(`api:${scope.api.id}`, { source: "api", label: `API ${scope.api.name} default`, value: apiDefault });
  }
  if (defaults.size === 0) defaults.set("service", serviceDefault);
  const candidates = [...defaults.values()];
  for (const scope of scopes) {
    const value = scope[kind];
    if (value !== null) candidates.push({ source: "scope", label: `scope ${scope.name}`, value });
  }
  const clientValue = client?.[kind] ?? null;
  if (client && clientValue !== null) {
    candidates.push({ source: "client", label: `client ${client.name || client.clientId}`, value: clientValue });
  }
  return candidates;
}

/** The smallest candidate; the first listed wins a tie (defaults come first). */
export function mostRestrictive(candidates: Candidate[]): LifetimeChoice {
  const decidedBy = candidates.reduce((best, candidate) => (candidate.value < best.value ? candidate : best));
  return { value: decidedBy.value, decidedBy, candidates };
}

export const explainChoice = (what: string, choice: LifetimeChoice) =>
  choice.candidates.length === 1
    ? `${what}: ${formatDuration(choice.value)} from ${choice.decidedBy.label}.`
    : `${what}: ${formatDuration(choice.value)} from ${choice.decidedBy.label} (most restrictive of: ${choice.candidates.map(describeCandidate).join(", ")}).`;
