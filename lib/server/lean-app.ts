// The lean HTTP path: protocol endpoints (/.well-known/*, later /oauth/*) served by Hono as
// Web-standard (Request) => Response handlers, in front of Next.js and not through its pipeline.
import { Hono } from "hono";
import { discoveryHandler } from "@/lib/oauth/discovery";

export const LEAN_PATH_PREFIXES = ["/.well-known/", "/oauth/"];

export const isLeanPath = (url: string | undefined) =>
  url !== undefined && LEAN_PATH_PREFIXES.some((prefix) => url.startsWith(prefix));

export function createLeanApp({ issuer }: { issuer: string }) {
  const app = new Hono();
  const discovery = discoveryHandler({ issuer });
  app.get("/.well-known/openid-configuration", (c) => discovery(c.req.raw));
  app.get("/.well-known/oauth-authorization-server", (c) => discovery(c.req.raw));
  app.notFound((c) => c.json({ error: "not_found" }, 404));
  app.onError((error, c) => {
    console.error(error);
    return c.json({ error: "server_error" }, 500);
  });
  return app;
}
