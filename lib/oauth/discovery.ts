// RFC 8414 / OpenID Connect Discovery metadata. Endpoints join as they arrive.
import { scopesSupported } from "@/lib/issuing";
import { loadDiscoverableScopes } from "@/lib/scopes/load-scope-infos";

/** Clients may cache the document briefly; scope changes show within this many seconds. */
export const DISCOVERY_MAX_AGE_SECONDS = 60;

export function discoveryHandler({ issuer }: { issuer: string }) {
  return async (_request: Request): Promise<Response> => {
    const metadata = {
      issuer,
      scopes_supported: scopesSupported(await loadDiscoverableScopes()),
    };
    return Response.json(metadata, { headers: { "cache-control": `public, max-age=${DISCOVERY_MAX_AGE_SECONDS}` } });
  };
}
