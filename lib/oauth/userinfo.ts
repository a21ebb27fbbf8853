// GET or POST /oauth/userinfo (OpenID Connect Core 5.3): the user's claims for an active access
// token (lib/oauth/token-status.ts) that a user granted with `openid`. Errors as RFC 6750 3.1
// names them, in WWW-Authenticate.
import type { OAuthContext } from "@/lib/oauth/context";
import { bearerChallenge, bearerError } from "@/lib/oauth/errors";
import { userClaims } from "@/lib/oauth/id-token";
import { activeAccessToken } from "@/lib/oauth/token-status";

const INVALID_TOKEN = "The access token is invalid, expired or revoked.";

export function userinfoHandler(context: OAuthContext) {
  return async (request: Request): Promise<Response> => {
    const header = request.headers.get("authorization") ?? "";
    if (!/^bearer /i.test(header)) return bearerChallenge("userinfo");
    const config = await context.config.get();
    const claims = await activeAccessToken(
      config,
      context.issuer,
      context.now(),
      header.slice(7).trim(),
      context.verifiedTokens,
    );
    // Only a token a user granted (it carries the grant) is about a user.
    if (!claims?.gid) return bearerError("invalid_token", INVALID_TOKEN);
    const scopes = claims.scope.split(" ");
    if (!scopes.includes("openid")) return bearerError("insufficient_scope", "The token lacks the openid scope.");
    const user = await context.prisma.user.findUnique({
      where: { id: claims.sub },
      select: { id: true, email: true, name: true, disabledAt: true },
    });
    if (!user || user.disabledAt)
      return bearerError("invalid_token", "The user of this token cannot sign in any more.");
    return Response.json({ sub: user.id, ...userClaims(user, scopes) }, { headers: { "cache-control": "no-store" } });
  };
}
