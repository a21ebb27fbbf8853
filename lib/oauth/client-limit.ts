// The limit per client at the token and revocation endpoints, applied before the client
// authenticates so that guessing a secret is limited too. Introspection does not share it: a
// resource server introspects once per call to its API, so its rate is that of the API's traffic,
// not of token issuing, and introspection reads no database and changes nothing.
import { presentedClientId } from "@/lib/oauth/client-auth";
import type { ConfigSnapshot } from "@/lib/oauth/config-cache";
import type { OAuthContext } from "@/lib/oauth/context";
import { tooManyRequests } from "@/lib/oauth/errors";

/**
 * Counts the request against the client it names, or answers 429 when the client is over its
 * limit. Unknown client ids are not counted: authentication refuses them without comparing any
 * secret, and counting them would let anyone fill memory and the table with made-up ids.
 */
export function refuseOverLimit(
  context: OAuthContext,
  request: Request,
  form: Map<string, string>,
  config: ConfigSnapshot,
): Response | null {
  const clientId = presentedClientId(request, form);
  if (clientId === null || !config.clients.has(clientId)) return null;
  const refusal = context.clientLimiter.take(clientId);
  return refusal ? tooManyRequests(refusal.retryAfter) : null;
}
