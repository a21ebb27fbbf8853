// The authorization request (RFC 6749 4.1.1, RFC 7636, OpenID Connect Core 3.1.2.1), validated
// in the order RFC 6749 4.1.2.1 asks: while the client or its redirect URI is in doubt, errors
// are shown on a page and never redirected; after that they go back to the client.

import { decideToken, type TokenDecision } from "@/lib/issuing";
import type { ClientRecord, ConfigSnapshot } from "@/lib/oauth/config-cache";
import { type AuthorizationErrorCode, echo, OAuthError } from "@/lib/oauth/errors";
import { RESOURCE_PARAMETER } from "@/lib/oauth/http";
import { idTokenHintSubject } from "@/lib/oauth/id-token";
import { formPostPage } from "@/lib/oauth/pages";
import { parseScopeParameter } from "@/lib/oauth/scope-parameter";
import { isStorableText } from "@/lib/validation";

/** Where and how the response goes back to the client: the redirect URI, in the response mode, with the state. */
export interface ResponseTarget {
  redirectUri: string;
  responseMode: ResponseMode;
  state: string | null;
}

export interface AuthorizationRequest extends ResponseTarget {
  client: ClientRecord;
  codeChallenge: string | null;
  nonce: string | null;
  prompt: Set<string>;
  /** Seconds since the user's sign-in beyond which they sign in again (OpenID Connect Core 3.1.2.1). */
  maxAge: number | null;
  /** The user an `id_token_hint` names: the one who must be signed in. */
  hintSubject: string | null;
  /** The request's query string, carried through the sign-in and consent forms and validated again. */
  query: string;
  /** Its `resource` values (RFC 8707), checked: they bound the code and the grant. */
  resources: string[];
  /** What the issuing module decided for it: the scopes, and the consent screen. */
  decision: Extract<TokenDecision, { ok: true }>;
}

export type ParsedAuthorization =
  | { ok: true; request: AuthorizationRequest }
  | { ok: false; page: string }
  | (ResponseTarget & {
      ok: false;
      page?: undefined;
      error: AuthorizationErrorCode;
      description: string;
    });

/** An S256 challenge: the base64url SHA-256 of the verifier, 43 characters (RFC 7636 4.2). */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
/** The prompt values honoured (OpenID Connect Core 3.1.2.1): what discovery publishes. */
export const PROMPT_VALUES = ["none", "login", "consent"];
/**
 * Defined by OpenID Connect but not honoured: a browser has one session here, so there is no
 * account to choose; the answer is account_selection_required (OpenID Connect Core 3.1.2.6).
 */
const SELECT_ACCOUNT = "select_account";
const KNOWN_PROMPTS = new Set([...PROMPT_VALUES, SELECT_ACCOUNT]);
/**
 * How the response reaches the client: in the redirect's query, the default of response_type=code
 * (OAuth 2.0 Multiple Response Type Encoding Practices 2.1), or posted by an auto-submitting form
 * (OAuth 2.0 Form Post Response Mode); discovery publishes them. Not fragment: a code has no
 * reason to hide from the client's server.
 */
export const RESPONSE_MODES = ["query", "form_post"] as const;
export type ResponseMode = (typeof RESPONSE_MODES)[number];
const isResponseMode = (value: string): value is ResponseMode => (RESPONSE_MODES as readonly string[]).includes(value);
/** max_age: whole seconds; fifteen digits stay a safe integer. */
const MAX_AGE = /^\d{1,15}$/;
export const MAX_NONCE_LENGTH = 500;
export const MAX_STATE_LENGTH = 2_000;

export async function parseAuthorizationRequest(
  params: URLSearchParams,
  config: ConfigSnapshot,
  now: number,
  issuer: string,
): Promise<ParsedAuthorization> {
  const single = (name: string) => (params.getAll(name).length > 1 ? undefined : (params.get(name) ?? null));
  const clientId = single("client_id");
  const redirectUri = single("redirect_uri");
  if (clientId === undefined || redirectUri === undefined) {
    return { ok: false, page: "The request repeats client_id or redirect_uri." };
  }
  if (!clientId) return { ok: false, page: "The request has no client_id." };
  const client = config.clients.get(clientId);
  if (!client) return { ok: false, page: "The application that sent you here is not registered." };
  if (!redirectUri) return { ok: false, page: "The request has no redirect_uri." };
  // Exact string comparison, as RFC 9700 2.1 requires: no prefix, pattern or normalisation.
  if (!client.redirectUris.includes(redirectUri)) {
    return { ok: false, page: "The redirect URI is not registered for this application." };
  }

  const state = single("state") ?? null;
  // Known first, so that the errors after it go back in the mode asked for.
  const responseModeValue = single("response_mode") ?? null;
  const responseMode = responseModeValue !== null && isResponseMode(responseModeValue) ? responseModeValue : "query";
  const fail = (error: AuthorizationErrorCode, description: string): ParsedAuthorization => ({
    ok: false,
    redirectUri,
    responseMode,
    state,
    error,
    description,
  });
  // RFC 8707 2.1: `resource` may be repeated; no other parameter may (RFC 6749 3.1).
  const repeated = [...new Set(params.keys())].find(
    (name) => name !== RESOURCE_PARAMETER && params.getAll(name).length > 1,
  );
  if (repeated) return fail("invalid_request", `The parameter ${echo(repeated)} is repeated.`);
  if (params.has("request")) return fail("request_not_supported", "Request objects are not supported.");
  if (params.has("request_uri")) return fail("request_uri_not_supported", "request_uri is not supported.");
  if (state && state.length > MAX_STATE_LENGTH) return fail("invalid_request", "state is too long.");

  const responseType = params.get("response_type");
  if (!responseType) return fail("invalid_request", "response_type is required.");
  if (responseType !== "code") return fail("unsupported_response_type", "Only response_type=code is supported.");
  if (responseModeValue !== null && responseModeValue !== responseMode) {
    return fail("invalid_request", `response_mode must be ${RESPONSE_MODES.join(" or ")}.`);
  }
  if (!client.info.allowedGrantTypes.includes("authorization_code")) {
    return fail("unauthorized_client", "The client may not use the authorization code flow.");
  }

  const codeChallenge = params.get("code_challenge");
  const method = params.get("code_challenge_method");
  if (codeChallenge !== null || method !== null) {
    // A challenge without a method would mean "plain" (RFC 7636 4.3), which is not offered.
    if (method !== "S256") return fail("invalid_request", "code_challenge_method must be S256.");
    if (!codeChallenge || !S256_CHALLENGE.test(codeChallenge)) {
      return fail("invalid_request", "code_challenge must be a base64url SHA-256 value (43 characters).");
    }
  } else if (client.type === "public") {
    return fail("invalid_request", "A public client must use PKCE (code_challenge with S256).");
  }

  const nonce = params.get("nonce");
  // Stored with the code until it is redeemed: text the database can hold.
  if (nonce !== null && (nonce.length === 0 || nonce.length > MAX_NONCE_LENGTH || !isStorableText(nonce))) {
    return fail("invalid_request", `nonce must have 1 to ${MAX_NONCE_LENGTH} characters, none of them NUL.`);
  }
  const prompt = new Set((params.get("prompt") ?? "").split(" ").filter(Boolean));
  if ([...prompt].some((value) => !KNOWN_PROMPTS.has(value)) || (prompt.has("none") && prompt.size > 1)) {
    return fail("invalid_request", "prompt is none, or any of login and consent.");
  }
  if (prompt.has(SELECT_ACCOUNT)) {
    return fail("account_selection_required", "This server keeps one account per browser: there is none to select.");
  }
  const maxAgeValue = params.get("max_age");
  if (maxAgeValue !== null && !MAX_AGE.test(maxAgeValue)) {
    return fail("invalid_request", "max_age must be a whole number of seconds.");
  }
  const maxAge = maxAgeValue === null ? null : Number(maxAgeValue);

  let requested: string[];
  try {
    requested = parseScopeParameter(params.get("scope"));
  } catch (error) {
    if (error instanceof OAuthError) return fail("invalid_scope", error.description);
    throw error;
  }
  const resources = [...new Set(params.getAll(RESOURCE_PARAMETER))].sort();
  const decision = decideToken({
    settings: config.settings,
    scopes: config.catalogue,
    client: client.info,
    grantType: "authorization_code",
    requestedScopes: requested,
    now,
    resources,
  });
  if (!decision.ok) {
    return fail(decision.error === "invalid_grant" ? "invalid_request" : decision.error, decision.description);
  }
  const hint = params.get("id_token_hint");
  const hintSubject = hint === null ? null : await idTokenHintSubject(config.keys, issuer, clientId, hint);
  if (hint !== null && hintSubject === null) {
    return fail("invalid_request", "id_token_hint is not an ID token this server issued to this client.");
  }
  return {
    ok: true,
    request: {
      client,
      redirectUri,
      responseMode,
      state,
      codeChallenge,
      nonce,
      prompt,
      maxAge,
      hintSubject,
      query: params.toString(),
      resources,
      decision,
    },
  };
}

/**
 * The response to the client, with a code or an error, the state and `iss` (RFC 9207, against
 * mix-up): a redirect with them in the query, or a page that posts them (form_post).
 */
export function authorizationResponse(
  issuer: string,
  { redirectUri, responseMode, state }: ResponseTarget,
  params: Record<string, string | null | undefined>,
  headers: Record<string, string> = {},
): Response {
  const fields: [string, string][] = [];
  for (const [name, value] of Object.entries({ ...params, state, iss: issuer })) if (value) fields.push([name, value]);
  if (responseMode === "form_post") {
    const response = formPostPage(redirectUri, fields);
    for (const [name, value] of Object.entries(headers)) response.headers.append(name, value);
    return response;
  }
  const url = new URL(redirectUri);
  for (const [name, value] of fields) url.searchParams.set(name, value);
  return new Response(null, {
    status: 303,
    headers: { location: url.toString(), "cache-control": "no-store", "referrer-policy": "no-referrer", ...headers },
  });
}
