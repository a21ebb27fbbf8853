import type { OAuthContext } from "@/lib/oauth/context";

/** GET /oauth/jwks: the active and retired public keys. */
export function jwksHandler(context: OAuthContext) {
  return async (_request: Request): Promise<Response> =>
    Response.json((await context.config.get()).keys.jwks, { headers: { "cache-control": "public, max-age=300" } });
}
