// GET or POST /oauth/userinfo (OpenID Connect Core 5.3): the user's claims for an access token
// that carries `openid`. Errors as RFC 6750 3.1 names them, in WWW-Authenticate.
import { verifyAccessToken } from "@/lib/oauth/access-token";
import type { OAuthContext } from "@/lib/oauth/context";
import { userClaims } from "@/lib/oauth/id-token";

function bearerError(status: number, error: string, description: string): Response {
  return new Response(JSON.stringify({ error, error_description: description }), {
    status,
    headers: {
      "content-type": "application/json",
      "cache-control": "no-store",
      "www-authenticate": `Bearer error="${error}", error_description="${description}"`,
    },
  });
}

export function userinfoHandler(context: OAuthContext) {
  return async (request: Request): Promise<Response> => {
    const header = request.headers.get("authorization") ?? "";
    if (!/^bearer /i.test(header)) {
      return new Response(null, { status: 401, headers: { "www-authenticate": 'Bearer realm="userinfo"' } });
    }
    const config = await context.config.get();
    const claims = await verifyAccessToken(config.keys, context.issuer, context.now(), header.slice(7).trim());
    const grantId = typeof claims?.gid === "string" ? claims.gid : null;
    if (!claims?.jti || !grantId || config.revokedJtis.has(claims.jti) || config.revokedGrants.has(grantId)) {
      return bearerError(401, "invalid_token", "The access token is invalid, expired or revoked.");
    }
    const scopes = typeof claims.scope === "string" ? claims.scope.split(" ") : [];
    if (!scopes.includes("openid")) return bearerError(403, "insufficient_scope", "The token lacks the openid scope.");
    const user = await context.prisma.user.findUnique({
      where: { id: claims.sub ?? "" },
      select: { id: true, email: true, name: true },
    });
    if (!user) return bearerError(401, "invalid_token", "The user of this token no longer exists.");
    return Response.json({ sub: user.id, ...userClaims(user, scopes) }, { headers: { "cache-control": "no-store" } });
  };
}
