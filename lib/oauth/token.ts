// POST /oauth/token. Every decision (scopes, lifetimes, refusals) comes from lib/issuing; each
// grant type is a module of lib/oauth/grants. Every request counts against the limit of the
// client it names, in memory (lib/oauth/client-limit.ts).
import { PUBLIC_CLIENT_GRANT_TYPES } from "@/lib/issuing";
import { authenticateClient } from "@/lib/oauth/client-auth";
import { refuseOverLimit } from "@/lib/oauth/client-limit";
import type { OAuthContext } from "@/lib/oauth/context";
import { echo, OAuthError } from "@/lib/oauth/errors";
import { isGrantType } from "@/lib/oauth/grants/grant";
import { GRANT_HANDLERS } from "@/lib/oauth/grants/index";
import { oauthEndpoint, RESOURCE_PARAMETER, readFormWithLists } from "@/lib/oauth/http";

export function tokenHandler(context: OAuthContext) {
  return oauthEndpoint(async (request) => {
    const { form, lists } = await readFormWithLists(request, [RESOURCE_PARAMETER]);
    const config = await context.config.get();
    const overLimit = refuseOverLimit(context, request, form, config);
    if (overLimit) return overLimit;
    const grantType = form.get("grant_type") ?? "";
    const client = authenticateClient(request, form, config, {
      allowPublic: isGrantType(grantType) && PUBLIC_CLIENT_GRANT_TYPES.includes(grantType),
    });
    if (!grantType) throw new OAuthError("invalid_request", "grant_type is required.");
    if (!isGrantType(grantType)) {
      throw new OAuthError("unsupported_grant_type", `The grant type ${echo(grantType)} is not supported.`);
    }
    const resources = lists.get(RESOURCE_PARAMETER) ?? [];
    return GRANT_HANDLERS[grantType]({ context, config, client, form, resources });
  });
}
