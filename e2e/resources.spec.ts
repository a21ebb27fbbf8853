// RFC 8707 resource indicators as a real client library (oauth4webapi, whose token requests take
// `resource` as additional parameters) and a resource server's check (its validateJwtAccessToken,
// which requires the API's own identifier as `aud`) see them; and the identifier edited on an
// API's Settings tab.
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import * as oauth from "oauth4webapi";
import { signInOnPage, uniqueName } from "./support";

const insecure = { [oauth.allowInsecureRequests]: true };

/** An API with its own resource identifier and one scope. */
async function apiWithScope(request: APIRequestContext, prefix: string) {
  const name = uniqueName(prefix);
  const created = await request.post("/api/apis", {
    data: { name, resourceUri: `https://${name.replace(/_/g, "-")}.example/api` },
  });
  expect(created.status()).toBe(201);
  const api = await created.json();
  const scope = uniqueName(`read_${prefix}`);
  expect((await request.post(`/api/apis/${api.id}/scopes`, { data: { name: scope } })).status()).toBe(201);
  return { id: api.id as string, uri: api.resourceUri as string, scope };
}

async function signInAndAllow(page: Page) {
  await signInOnPage(page);
  await page.getByRole("button", { name: "Allow" }).click();
}

/** What a resource server expecting `audience` makes of the token (oauth4webapi's RFC 9068 checks). */
const validateAt = (as: oauth.AuthorizationServer, token: string, audience: string) =>
  oauth.validateJwtAccessToken(
    as,
    new Request("http://resource.example/", { headers: { authorization: `Bearer ${token}` } }),
    audience,
    insecure,
  );

test.describe("[OAUTH] resource indicators", () => {
  // The flow's own sign-in page is part of it: its browser starts signed out.
  test.beforeEach(async ({ context }) => context.clearCookies());

  test("code, refresh and client_credentials with resource, driven by oauth4webapi", async ({
    page,
    request,
    baseURL,
  }) => {
    const invoices = await apiWithScope(request, "invoices");
    const orders = await apiWithScope(request, "orders");
    const redirectUri = `${baseURL}/e2e-callback`;
    const created = await request.post("/api/clients", {
      data: {
        name: "Resource app",
        type: "confidential",
        redirectUris: [redirectUri],
        allowedScopes: [invoices.scope, orders.scope],
        allowedGrantTypes: ["authorization_code", "refresh_token", "client_credentials"],
      },
    });
    expect(created.status()).toBe(201);
    const { clientId, clientSecret } = await created.json();
    const client: oauth.Client = { client_id: clientId };
    const auth = oauth.ClientSecretBasic(clientSecret);

    const issuer = new URL(baseURL as string);
    const as = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { algorithm: "oauth2", ...insecure }),
    );

    // The authorization request names both APIs: they bound the grant.
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const url = new URL(as.authorization_endpoint as string);
    url.searchParams.set("response_type", "code");
    url.searchParams.set("client_id", clientId);
    url.searchParams.set("redirect_uri", redirectUri);
    url.searchParams.set("scope", `${invoices.scope} ${orders.scope}`);
    url.searchParams.set("state", state);
    url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(verifier));
    url.searchParams.set("code_challenge_method", "S256");
    url.searchParams.append("resource", invoices.uri);
    url.searchParams.append("resource", orders.uri);
    await page.goto(url.href);
    await signInAndAllow(page);
    await page.waitForURL((callback) => callback.pathname === "/e2e-callback");

    // The code is redeemed for the invoices API alone.
    const callback = oauth.validateAuthResponse(as, client, new URL(page.url()), state);
    const redeemed = await oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(as, client, auth, callback, redirectUri, verifier, {
        additionalParameters: [["resource", invoices.uri]],
        ...insecure,
      }),
    );
    expect(redeemed.scope).toBe(invoices.scope);
    expect(await validateAt(as, redeemed.access_token, invoices.uri)).toMatchObject({
      aud: [invoices.uri],
      scope: invoices.scope,
    });
    await expect(validateAt(as, redeemed.access_token, orders.uri)).rejects.toThrow(/aud/);

    // A refresh asks for the other resource of the grant.
    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, auth, redeemed.refresh_token as string, {
        additionalParameters: [["resource", orders.uri]],
        ...insecure,
      }),
    );
    expect(refreshed.scope).toBe(orders.scope);
    expect(await validateAt(as, refreshed.access_token, orders.uri)).toMatchObject({ scope: orders.scope });

    // client_credentials for one API, and an unknown resource refused as RFC 8707 says.
    const machine = await oauth.processClientCredentialsResponse(
      as,
      client,
      await oauth.clientCredentialsGrantRequest(
        as,
        client,
        auth,
        [
          ["scope", `${invoices.scope} ${orders.scope}`],
          ["resource", orders.uri],
        ],
        insecure,
      ),
    );
    expect(machine.scope).toBe(orders.scope);
    expect(await validateAt(as, machine.access_token, orders.uri)).toMatchObject({ sub: clientId });
    const unknown = await oauth.clientCredentialsGrantRequest(
      as,
      client,
      auth,
      [["resource", "https://unknown.example/api"]],
      insecure,
    );
    await expect(oauth.processClientCredentialsResponse(as, client, unknown)).rejects.toMatchObject({
      error: "invalid_target",
    });
  });
});

test("[APIS] Settings edits the resource identifier, with the server's refusal on the field", async ({
  page,
  request,
}) => {
  const taken = await apiWithScope(request, "taken");
  const created = await request.post("/api/apis", { data: { name: uniqueName("api") } });
  const api = await created.json();
  await page.goto(`/apis/${api.id}?tab=settings`);
  const field = page.getByLabel("Resource identifier");
  await expect(field).toHaveValue(`urn:scope-console:api:${api.name}`);

  await field.fill("not a uri");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(/absolute URI without a fragment/);

  await field.fill(taken.uri);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(field).toHaveAccessibleDescription(/already has the resource identifier/);

  const uri = `https://${api.name.replace(/_/g, "-")}.example/v1`;
  await field.fill(uri);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("saved");
  await page.reload();
  await expect(page.getByLabel("Resource identifier")).toHaveValue(uri);
});
