// The console's own API: machines call the admin JSON API with this server's access tokens, issued
// through client_credentials to a client an admin allowed these scopes (decision 012). The API
// and its scopes are made by migration 20261204000000_console_api; lib/scopes/built-in.ts keeps
// them from being deleted, renamed, owned or extended. The token endpoint issues them like any
// scope; the console's gate (lib/auth/actor.ts) checks them. This module is on the floor so that
// both stacks read the same names, and so that the composition root can hand the console a way to
// verify tokens (the protocol stack's) without the console importing the protocol stack.
import { defaultResourceUri } from "@/lib/issuing";
import { singleton } from "@/lib/singleton";

/** The built-in API's name: the audience (`aud`) of the tokens it accepts. */
export const CONSOLE_API_NAME = "scope-console";

/**
 * Its RFC 8707 resource identifier (migration 20261205000000_resource_indicators), read-only: a
 * token asked for with this `resource` has it as its audience, which the console accepts too.
 */
export const CONSOLE_API_RESOURCE = defaultResourceUri(CONSOLE_API_NAME);

/** The audiences a token for the console's API has: by name, or by resource identifier. */
export const CONSOLE_API_AUDIENCES: readonly string[] = [CONSOLE_API_NAME, CONSOLE_API_RESOURCE];

/** Read what an admin can read (GET, and POST /api/config/plan, which writes nothing). */
export const CONSOLE_READ_SCOPE = "console:read";
/** Change what an admin can change; also allows everything console:read does. */
export const CONSOLE_WRITE_SCOPE = "console:write";

/** The scopes that allow an operation that only reads, or one that changes something. */
export const CONSOLE_SCOPES_FOR = {
  read: [CONSOLE_READ_SCOPE, CONSOLE_WRITE_SCOPE],
  write: [CONSOLE_WRITE_SCOPE],
} as const satisfies Record<string, readonly string[]>;

export type ConsoleAccess = keyof typeof CONSOLE_SCOPES_FOR;

/** What an active access token says about who presents it. */
export interface BearerClaims {
  /** The OAuth client the token was issued to (its client_id). */
  clientId: string;
  /** The token's subject: the client itself for client_credentials, a user's id otherwise. */
  subject: string;
  /** Whether a user granted it (authorization_code, refresh_token): then it acts for that user. */
  delegated: boolean;
  audiences: string[];
  scopes: string[];
}

/** Claims of an active token (signature, issuer, expiry, revocation, client), or null. */
export type BearerVerifier = (token: string) => Promise<BearerClaims | null>;

const registry = singleton("bearer-verifier", () => ({ verify: null as BearerVerifier | null }));

/** Called by the composition root (lib/server/start-server.ts, tests) with the protocol's verifier. */
export function acceptBearerTokens(verify: BearerVerifier | null): void {
  registry.verify = verify;
}

/** The claims of `token`, or null when it is not active or this process accepts no bearer tokens. */
export async function verifyBearerToken(token: string): Promise<BearerClaims | null> {
  return registry.verify ? registry.verify(token) : null;
}
