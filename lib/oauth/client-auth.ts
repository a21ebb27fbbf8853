// Client authentication at the token, introspection and revocation endpoints:
// client_secret_basic or client_secret_post, never both (RFC 6749 section 2.3).

import type { ClientRecord, ConfigSnapshot } from "@/lib/oauth/config-cache";
import { OAuthError } from "@/lib/oauth/errors";
import { secretMatches } from "@/lib/secrets/hash";

export const TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"] as const;
/** A public client names itself with client_id alone ("none"); PKCE or its refresh tokens bind it. */
export const PUBLIC_CLIENT_AUTH_METHOD = "none";

/** RFC 6749 2.3.1: both parts are form-urlencoded before Basic encoding (generated ones need no decoding). */
const formDecode = (part: string) => (/[%+]/.test(part) ? decodeURIComponent(part.replace(/\+/g, " ")) : part);

function basicCredentials(header: string): { id: string; secret: string } {
  const encoded = header.slice("basic ".length).trim();
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw new OAuthError("invalid_client", "Malformed Basic credentials.");
  try {
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    throw new OAuthError("invalid_client", "Malformed Basic credentials.");
  }
}

/**
 * The client_id a request names, before any authentication (for the limit per client): Basic's
 * user name, else the form's client_id. Null when there is none or it cannot be read.
 */
export function presentedClientId(request: Request, form: Map<string, string>): string | null {
  const header = request.headers.get("authorization");
  if (header?.toLowerCase().startsWith("basic ")) {
    try {
      return basicCredentials(header).id;
    } catch {
      return null;
    }
  }
  return form.get("client_id") ?? null;
}

/**
 * The authenticated client, or an invalid_client / invalid_request error. A public client is
 * accepted by its client_id alone where `allowPublic` says so; it must never send a secret.
 */
export function authenticateClient(
  request: Request,
  form: Map<string, string>,
  config: ConfigSnapshot,
  { allowPublic = false } = {},
): ClientRecord {
  const header = request.headers.get("authorization");
  const usesBasic = header?.toLowerCase().startsWith("basic ") ?? false;
  const usesPost = form.has("client_secret");
  if (usesBasic && usesPost) throw new OAuthError("invalid_request", "Use one client authentication method only.");
  if (allowPublic && !usesBasic && !usesPost) {
    const client = config.clients.get(form.get("client_id") ?? "");
    if (client?.type !== "public") throw new OAuthError("invalid_client", "Client authentication failed.");
    return client;
  }
  const credentials = usesBasic
    ? basicCredentials(header as string)
    : { id: form.get("client_id") ?? "", secret: form.get("client_secret") ?? "" };
  if (usesBasic && form.has("client_id") && form.get("client_id") !== credentials.id) {
    throw new OAuthError("invalid_request", "client_id does not match the authenticated client.");
  }
  const client = config.clients.get(credentials.id);
  if (client?.type !== "confidential" || !secretMatches(credentials.secret, client.secretDigest)) {
    throw new OAuthError("invalid_client", "Client authentication failed.");
  }
  return client;
}
