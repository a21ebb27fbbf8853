// GET or POST /oauth/authorize, then the sign-in and consent forms it shows. No pending state is
// kept on the server: each form carries the original request, which is validated again on every step.

import { readSession, type SignedInSession } from "@/lib/accounts/sessions";
import { signIn as signInUser, WRONG_CREDENTIALS } from "@/lib/accounts/sign-in";
import { isSameOrigin } from "@/lib/http/same-origin";
import { applyConsent } from "@/lib/issuing";
import {
  type AuthorizationRequest,
  authorizationResponse,
  type ParsedAuthorization,
  parseAuthorizationRequest,
} from "@/lib/oauth/authorization-request";
import type { OAuthContext } from "@/lib/oauth/context";
import { consentCovers, issueAuthorizationCode, rememberConsent } from "@/lib/oauth/grant-store";
import { readFormParams, readPageForm } from "@/lib/oauth/http";
import { csrfFor, isCsrfValid } from "@/lib/oauth/page-csrf";
import { consentPage, errorPage, signInPage, themeOf } from "@/lib/oauth/pages";
import type { Theme } from "@/lib/theme";

type Session = Pick<SignedInSession, "id" | "publicId" | "userId" | "authTime"> & { email?: string };

/** OpenID Connect Core 3.1.2.1: the user an id_token_hint names must be the one signed in. */
const namesAnotherUser = (request: AuthorizationRequest, userId: string) =>
  request.hintSubject !== null && request.hintSubject !== userId;
const HINT_MISMATCH = "The signed-in user is not the one id_token_hint names.";

/**
 * Why the signed-in user must sign in again before this request is answered (OpenID Connect Core
 * 3.1.2.1), or null: prompt=login; a sign-in longer ago than max_age (max_age=0: every time, as
 * node-oidc-provider reads it); a session of another user than the one id_token_hint names. A
 * sign-in on the way answers them all: its session is new, and the hint is checked once more after it.
 */
function signInAgainReason(request: AuthorizationRequest, session: Session, now: number): string | null {
  if (request.prompt.has("login")) return "The client asked for a new sign-in.";
  const { maxAge } = request;
  if (maxAge !== null && (maxAge === 0 || now - session.authTime > maxAge)) {
    return "The user signed in longer ago than max_age.";
  }
  return namesAnotherUser(request, session.userId) ? HINT_MISMATCH : null;
}

export function authorizeHandlers(context: OAuthContext) {
  const { prisma, issuer } = context;

  async function parse(params: URLSearchParams): Promise<ParsedAuthorization> {
    return parseAuthorizationRequest(params, await context.config.get(), context.now(), issuer);
  }

  function refuse(parsed: Exclude<ParsedAuthorization, { ok: true }>): Response {
    if (parsed.page !== undefined) return errorPage(parsed.page);
    return authorizationResponse(issuer, parsed, { error: parsed.error, error_description: parsed.description });
  }

  const redirectError = (request: AuthorizationRequest, error: string, description: string, headers = {}) =>
    authorizationResponse(issuer, request, { error, error_description: description }, headers);

  async function sendCode(request: AuthorizationRequest, session: Session, scopes: string[], headers = {}) {
    const now = context.now();
    const settings = (await context.config.get()).settings;
    const code = await issueAuthorizationCode(prisma, {
      clientId: request.client.info.clientId,
      userId: session.userId,
      redirectUri: request.redirectUri,
      scopes,
      resources: request.resources,
      codeChallenge: request.codeChallenge,
      nonce: request.nonce,
      authTime: session.authTime,
      sid: session.publicId,
      expiresAt: now + settings.authorizationCodeLifetime,
    });
    return authorizationResponse(issuer, request, { code }, headers);
  }

  /** After sign-in: the code at once when the user already allowed these scopes, else the consent page. */
  async function continueAs(
    request: AuthorizationRequest,
    session: Session,
    theme: Theme,
    headers: Record<string, string> = {},
  ) {
    const scopes = request.decision.grantedScopes;
    const clientId = request.client.info.clientId;
    if (!request.prompt.has("consent") && (await consentCovers(prisma, session.userId, clientId, scopes))) {
      return sendCode(request, session, scopes, headers);
    }
    if (request.prompt.has("none")) {
      return redirectError(request, "consent_required", "The user has not allowed these scopes yet.", headers);
    }
    const email =
      session.email ??
      (await prisma.user.findUnique({ where: { id: session.userId }, select: { email: true } }))?.email;
    const response = consentPage({
      clientName: request.client.info.name,
      email: email ?? "",
      screen: request.decision.consent ?? { scopes: [] },
      request: request.query,
      csrf: csrfFor("consent", session.id),
      theme,
    });
    for (const [name, value] of Object.entries(headers)) response.headers.append(name, value);
    return response;
  }

  /**
   * GET or POST /oauth/authorize (OpenID Connect Core 3.1.2.1): the request in the query, or in a
   * form body. A POST comes from the client's page, on another site, so neither the same-origin
   * rule nor the consent form's anti-forgery value applies: it can ask nothing a link to the GET
   * cannot. Being cross-site, it usually arrives without the session cookie (SameSite=Lax), and
   * the user signs in.
   */
  async function authorize(httpRequest: Request): Promise<Response> {
    const params =
      httpRequest.method === "POST" ? await readFormParams(httpRequest) : new URL(httpRequest.url).searchParams;
    if (!params) return errorPage("The authorization request could not be read: post it as a form.");
    const parsed = await parse(params);
    if (!parsed.ok) return refuse(parsed);
    const { request } = parsed;
    const session = await readSession(prisma, httpRequest, context.now());
    const reason = session && signInAgainReason(request, session, context.now());
    if (!session || reason !== null) {
      const description = reason ?? "The user is not signed in.";
      if (request.prompt.has("none")) return redirectError(request, "login_required", description);
      return signInPage({ clientName: request.client.info.name, request: request.query, theme: themeOf(httpRequest) });
    }
    return continueAs(request, session, themeOf(httpRequest));
  }

  /**
   * A posted page form from this server, and the authorization request it carries, validated
   * again; or the page or redirect that refuses it.
   */
  async function readPagePost(
    httpRequest: Request,
    formName: string,
  ): Promise<Response | { form: URLSearchParams; request: AuthorizationRequest }> {
    if (!isSameOrigin(httpRequest)) return errorPage("The form was sent from another site.", 403);
    const form = await readPageForm(httpRequest);
    if (!form) return errorPage(`The ${formName} form could not be read.`);
    const parsed = await parse(new URLSearchParams(form.get("request") ?? ""));
    return parsed.ok ? { form, request: parsed.request } : refuse(parsed);
  }

  /** POST /oauth/authorize/sign-in */
  async function signIn(httpRequest: Request): Promise<Response> {
    const posted = await readPagePost(httpRequest, "sign-in");
    if (posted instanceof Response) return posted;
    const { form, request } = posted;
    const email = form.get("email") ?? "";
    const page = { clientName: request.client.info.name, request: request.query, email, theme: themeOf(httpRequest) };
    // The console's sign-in sequence: limits first, then the password, then a new session in
    // place of the browser's previous one.
    const result = await signInUser(prisma, {
      request: httpRequest,
      email,
      password: form.get("password") ?? "",
      now: context.now(),
      issuer,
    });
    if (!result.ok) {
      // Any account may sign in here to authorize an application: the only refusals are these two.
      if (result.reason !== "too_many_attempts") return signInPage({ ...page, error: WRONG_CREDENTIALS });
      const response = signInPage({ ...page, error: result.message, status: 429 });
      response.headers.set("retry-after", String(result.retryAfter));
      return response;
    }
    const { session, setCookie, user } = result;
    const headers = { "set-cookie": setCookie };
    // The user the hint names was not signed in by the request either.
    if (namesAnotherUser(request, user.id)) return redirectError(request, "login_required", HINT_MISMATCH, headers);
    return continueAs(request, { ...session, email: user.email }, page.theme, headers);
  }

  /** POST /oauth/authorize/consent */
  async function consent(httpRequest: Request): Promise<Response> {
    const posted = await readPagePost(httpRequest, "consent");
    if (posted instanceof Response) return posted;
    const { form, request } = posted;
    const session = await readSession(prisma, httpRequest, context.now());
    if (!session) {
      return signInPage({ clientName: request.client.info.name, request: request.query, theme: themeOf(httpRequest) });
    }
    if (!isCsrfValid("consent", session.id, form.get("csrf"))) {
      return errorPage("The consent form has expired. Go back to the application and try again.", 403);
    }
    const decision = form.get("decision");
    if (decision === "deny") return redirectError(request, "access_denied", "The user denied the request.");
    if (decision !== "allow") return errorPage("Choose Allow or Deny.");
    const screen = request.decision.consent ?? { scopes: [] };
    const scopes = applyConsent(screen, form.getAll("scope"));
    await rememberConsent(prisma, session.userId, request.client.info.clientId, scopes);
    return sendCode(request, session, scopes);
  }

  return { authorize, signIn, consent };
}
