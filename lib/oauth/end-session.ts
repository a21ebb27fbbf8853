// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): GET or POST /oauth/end-session
// asks the signed-in person to confirm, and POST /oauth/end-session/confirm ends the session (the
// one rule of lib/accounts/sessions.ts endSessions) and sends the browser back to the client's
// registered post_logout_redirect_uri with its state, or shows that it is signed out.
// As node-oidc-provider's end_session: the id_token_hint is one of our ID tokens (expired is fine)
// and names the client by its audience; post_logout_redirect_uri needs a client (from the hint or
// client_id) and must equal one of its registered URIs; anything in doubt is shown on a page and
// never redirected, so that the endpoint is no open redirect.
import { endSession, readSession } from "@/lib/accounts/sessions";
import { isSameOrigin } from "@/lib/http/same-origin";
import { MAX_STATE_LENGTH } from "@/lib/oauth/authorization-request";
import type { ClientRecord, ConfigSnapshot } from "@/lib/oauth/config-cache";
import type { OAuthContext } from "@/lib/oauth/context";
import { readFormParams, readPageForm } from "@/lib/oauth/http";
import { verifyIdTokenHint } from "@/lib/oauth/id-token";
import { csrfFor, isCsrfValid } from "@/lib/oauth/page-csrf";
import { errorPage, loggedOutPage, logoutPage, themeOf } from "@/lib/oauth/pages";

/** A logout request that passed its checks. */
export interface EndSessionRequest {
  /** The client the hint or client_id names, if any. */
  client: ClientRecord | null;
  /** Registered on that client, exactly; null when none was asked for. */
  postLogoutRedirectUri: string | null;
  state: string | null;
  /** The parameters as they came, carried through the confirmation form and checked again. */
  query: string;
}

export type ParsedEndSession = { ok: true; request: EndSessionRequest } | { ok: false; page: string };

const LOGOUT_ERROR = "Sign-out error";

export async function parseEndSessionRequest(
  params: URLSearchParams,
  config: ConfigSnapshot,
  issuer: string,
): Promise<ParsedEndSession> {
  const fail = (page: string): ParsedEndSession => ({ ok: false, page });
  const repeated = [...new Set(params.keys())].find((name) => params.getAll(name).length > 1);
  if (repeated) return fail("The sign-out request repeats a parameter.");
  const hintValue = params.get("id_token_hint");
  const clientIdValue = params.get("client_id");
  const postLogoutRedirectUri = params.get("post_logout_redirect_uri");
  const state = params.get("state");
  if (state !== null && state.length > MAX_STATE_LENGTH) return fail("state is too long.");

  const hint = hintValue ? await verifyIdTokenHint(config.keys, issuer, hintValue) : null;
  if (hintValue && !hint) return fail("id_token_hint is not an ID token this server issued.");
  // RP-Initiated Logout 1.0 2: with both, the client_id must be the one the ID token was issued to.
  if (hint && clientIdValue && !hint.audiences.includes(clientIdValue)) {
    return fail("client_id is not the client id_token_hint was issued to.");
  }
  const clientId = clientIdValue || (hint?.audiences.length === 1 ? hint.audiences[0] : null);
  const client = clientId ? (config.clients.get(clientId) ?? null) : null;
  if (clientId && !client) return fail("The application that sent you here is not registered.");

  if (postLogoutRedirectUri !== null) {
    if (!client) return fail("post_logout_redirect_uri needs id_token_hint or client_id, to know the application.");
    // Exact string comparison, as for redirect URIs (RFC 9700 2.1).
    if (!client.postLogoutRedirectUris.includes(postLogoutRedirectUri)) {
      return fail("post_logout_redirect_uri is not registered for this application.");
    }
  }
  return { ok: true, request: { client, postLogoutRedirectUri, state, query: params.toString() } };
}

/** Back to the client (with its state, RP-Initiated Logout 1.0 3), or the page that says how it ended. */
function finish(request: EndSessionRequest, signedOut: boolean, theme: ReturnType<typeof themeOf>, setCookie?: string) {
  const headers: Record<string, string> = setCookie ? { "set-cookie": setCookie } : {};
  if (!request.postLogoutRedirectUri) return loggedOutPage({ signedOut, headers, theme });
  const url = new URL(request.postLogoutRedirectUri);
  if (request.state) url.searchParams.set("state", request.state);
  return new Response(null, {
    status: 303,
    headers: { location: url.toString(), "cache-control": "no-store", "referrer-policy": "no-referrer", ...headers },
  });
}

export function endSessionHandlers(context: OAuthContext) {
  const { prisma, issuer } = context;
  const parse = async (params: URLSearchParams) => parseEndSessionRequest(params, await context.config.get(), issuer);

  /**
   * GET or POST /oauth/end-session (RP-Initiated Logout 1.0 2): the request in the query or a form
   * body. A browser with a session is asked to confirm; one without has nothing to end and goes
   * straight back (or sees that it is signed out).
   */
  async function endSessionEndpoint(httpRequest: Request): Promise<Response> {
    const params =
      httpRequest.method === "POST" ? await readFormParams(httpRequest) : new URL(httpRequest.url).searchParams;
    if (!params) return errorPage("The sign-out request could not be read: post it as a form.", 400, LOGOUT_ERROR);
    const parsed = await parse(params);
    if (!parsed.ok) return errorPage(parsed.page, 400, LOGOUT_ERROR);
    const { request } = parsed;
    const theme = themeOf(httpRequest);
    const session = await readSession(prisma, httpRequest, context.now());
    if (!session) return finish(request, true, theme);
    return logoutPage({
      email: session.email,
      clientName: request.client?.info.name ?? null,
      request: request.query,
      csrf: csrfFor("logout", session.id),
      theme,
    });
  }

  /** POST /oauth/end-session/confirm: the confirmation form, from this server's page only. */
  async function confirm(httpRequest: Request): Promise<Response> {
    if (!isSameOrigin(httpRequest)) return errorPage("The form was sent from another site.", 403, LOGOUT_ERROR);
    const form = await readPageForm(httpRequest);
    if (!form) return errorPage("The sign-out form could not be read.", 400, LOGOUT_ERROR);
    const parsed = await parse(new URLSearchParams(form.get("request") ?? ""));
    if (!parsed.ok) return errorPage(parsed.page, 400, LOGOUT_ERROR);
    const { request } = parsed;
    const theme = themeOf(httpRequest);
    const session = await readSession(prisma, httpRequest, context.now());
    // Signed out meanwhile (another tab, the sessions page): nothing is left to end.
    if (!session) return finish(request, true, theme);
    if (!isCsrfValid("logout", session.id, form.get("csrf"))) {
      return errorPage("The sign-out form has expired. Go back to the application and try again.", 403, LOGOUT_ERROR);
    }
    const decision = form.get("decision");
    if (decision === "stay") return finish(request, false, theme);
    if (decision !== "logout") return errorPage("Choose Sign out or Stay signed in.", 400, LOGOUT_ERROR);
    const setCookie = await endSession(prisma, httpRequest, issuer, context.now());
    return finish(request, true, theme, setCookie);
  }

  return { endSession: endSessionEndpoint, confirm };
}
