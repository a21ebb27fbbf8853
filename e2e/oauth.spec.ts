// The authorization server as a real OAuth client library (openid-client) sees it.
import { expect, test } from "@playwright/test";
import { createRemoteJWKSet, jwtVerify } from "jose";
import * as oauth from "openid-client";
import { createApi, createScope, uniqueName } from "./support";

test("[OAUTH] client_credentials, introspection, revocation and JWT verification with openid-client", async ({
  request,
  baseURL,
}) => {
  const api = await createApi(request);
  const scope = uniqueName("read_reports");
  await createScope(request, api.id, { name: scope, accessTokenLifetime: "20 min" });
  const created = await request.post("/api/clients", {
    data: {
      name: "Reports job",
      type: "confidential",
      allowedScopes: [scope],
      allowedGrantTypes: ["client_credentials"],
    },
  });
  const { clientId, clientSecret } = await created.json();

  const server = new URL(baseURL as string);
  const config = await oauth.discovery(server, clientId, undefined, oauth.ClientSecretBasic(clientSecret), {
    algorithm: "oauth2",
    execute: [oauth.allowInsecureRequests],
  });
  const metadata = config.serverMetadata();
  expect(metadata.issuer).toBe(server.origin);
  expect(metadata.grant_types_supported).toContain("client_credentials");
  expect(metadata.scopes_supported).toContain(scope);

  const tokens = await oauth.clientCredentialsGrant(config, { scope });
  expect(tokens.token_type).toBe("bearer");
  expect(tokens.expires_in).toBe(1_200);
  expect(tokens.scope).toBe(scope);
  expect(tokens.refresh_token).toBeUndefined();

  const preview = await request.post("/api/token-preview", {
    data: { clientId, scopes: [scope], grantType: "client_credentials" },
  });
  expect((await preview.json()).accessToken.lifetime).toBe(tokens.expires_in);

  const jwks = createRemoteJWKSet(new URL(metadata.jwks_uri as string));
  const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks, { issuer: metadata.issuer });
  expect(protectedHeader.typ).toBe("at+jwt");
  expect(payload).toMatchObject({ client_id: clientId, sub: clientId, scope, aud: [api.name] });

  expect(await oauth.tokenIntrospection(config, tokens.access_token)).toMatchObject({ active: true, scope });
  await oauth.tokenRevocation(config, tokens.access_token);
  expect(await oauth.tokenIntrospection(config, tokens.access_token)).toEqual({ active: false });

  const wrong = await oauth.discovery(server, clientId, undefined, oauth.ClientSecretBasic("wrong"), {
    algorithm: "oauth2",
    execute: [oauth.allowInsecureRequests],
  });
  // 401 with a Basic challenge: openid-client reports the challenge rather than the body.
  await expect(oauth.clientCredentialsGrant(wrong, { scope })).rejects.toMatchObject({ status: 401 });
  await expect(oauth.clientCredentialsGrant(config, { scope: uniqueName("unknown") })).rejects.toMatchObject({
    error: "invalid_scope",
  });
});
