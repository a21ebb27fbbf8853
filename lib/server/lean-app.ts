// The lean HTTP path: protocol endpoints (/.well-known/*, /oauth/*) served by Hono as
// Web-standard (Request) => Response handlers, in front of Next.js and not through its pipeline.
import { Hono } from "hono";
import { authorizeHandlers } from "@/lib/oauth/authorize";
import type { OAuthContext } from "@/lib/oauth/context";
import { discoveryHandler } from "@/lib/oauth/discovery";
import { endSessionHandlers } from "@/lib/oauth/end-session";
import { introspectionHandler } from "@/lib/oauth/introspect";
import { jwksHandler } from "@/lib/oauth/jwks";
import { CONSENT_PATH, END_SESSION_CONFIRM_PATH, END_SESSION_PATH, SIGN_IN_PATH } from "@/lib/oauth/pages";
import { revocationHandler } from "@/lib/oauth/revoke";
import { tokenHandler } from "@/lib/oauth/token";
import { userinfoHandler } from "@/lib/oauth/userinfo";

export const LEAN_PATH_PREFIXES = ["/.well-known/", "/oauth/"];

export const isLeanPath = (url: string | undefined) =>
  url !== undefined && LEAN_PATH_PREFIXES.some((prefix) => url.startsWith(prefix));

export function createLeanApp(context: OAuthContext) {
  const app = new Hono();
  const discovery = discoveryHandler(context);
  const token = tokenHandler(context);
  const introspect = introspectionHandler(context);
  const revoke = revocationHandler(context);
  const jwks = jwksHandler(context);
  const userinfo = userinfoHandler(context);
  const authorization = authorizeHandlers(context);
  const logout = endSessionHandlers(context);
  app.get("/.well-known/openid-configuration", (c) => discovery(c.req.raw));
  app.get("/.well-known/oauth-authorization-server", (c) => discovery(c.req.raw));
  app.post("/oauth/token", (c) => token(c.req.raw));
  app.post("/oauth/introspect", (c) => introspect(c.req.raw));
  app.post("/oauth/revoke", (c) => revoke(c.req.raw));
  app.get("/oauth/jwks", (c) => jwks(c.req.raw));
  // OpenID Connect Core 3.1.2.1: the authorization endpoint answers GET and a form POST alike.
  app.get("/oauth/authorize", (c) => authorization.authorize(c.req.raw));
  app.post("/oauth/authorize", (c) => authorization.authorize(c.req.raw));
  app.post(SIGN_IN_PATH, (c) => authorization.signIn(c.req.raw));
  app.post(CONSENT_PATH, (c) => authorization.consent(c.req.raw));
  // RP-Initiated Logout 1.0 2: the end_session_endpoint answers GET and a form POST alike.
  app.get(END_SESSION_PATH, (c) => logout.endSession(c.req.raw));
  app.post(END_SESSION_PATH, (c) => logout.endSession(c.req.raw));
  app.post(END_SESSION_CONFIRM_PATH, (c) => logout.confirm(c.req.raw));
  app.get("/oauth/userinfo", (c) => userinfo(c.req.raw));
  app.post("/oauth/userinfo", (c) => userinfo(c.req.raw));
  app.notFound((c) => c.json({ error: "not_found" }, 404));
  app.onError((error, c) => {
    console.error(error);
    return c.json({ error: "server_error" }, 500);
  });
  return app;
}
