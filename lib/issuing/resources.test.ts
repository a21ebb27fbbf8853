import { describe, expect, it } from "vitest";
import { DEFAULT_SERVICE_SETTINGS, decideToken, type TokenRequest } from "./index";
import { defaultResourceUri, isResourceIndicator } from "./resources";
import { client, ok, scope } from "./test-fixtures";

const NOW = 1_800_000_000;
const INVOICES = "https://invoices.example";
const ORDERS = "https://orders.example";
const IDENTITY = "https://identity.example";
const invoices = { id: "api-invoices", name: "invoices" };
const orders = { id: "api-orders", name: "orders" };
const identity = { id: "api-identity", name: "identity" };
const scopes = [
  scope("read_invoices", { api: invoices }),
  scope("write_invoices", { api: invoices }),
  scope("read_orders", { api: orders }),
  scope("openid", { api: identity }),
  scope("audit", { api: { id: "api-audit", name: "audit" }, required: true }),
];
const everything = client({
  allowedScopes: ["read_invoices", "write_invoices", "read_orders", "openid", "audit"],
});
const base = (overrides: Partial<TokenRequest>): TokenRequest => ({
  settings: DEFAULT_SERVICE_SETTINGS,
  scopes,
  client: everything,
  grantType: "authorization_code",
  requestedScopes: [],
  now: NOW,
  ...overrides,
});
const refusal = (request: TokenRequest) => {
  const decision = decideToken(request);
  if (decision.ok) throw new Error("granted");
  return { error: decision.error, description: decision.description };
};

describe("isResourceIndicator: an absolute URI without a fragment (RFC 8707 2)", () => {
  it.each([
    ["https://api.example.com/v1", true],
    ["urn:scope-console:api:invoices", true],
    [defaultResourceUri("large"), true],
    ["/relative/path", false],
    ["api.example.com", false],
    ["https://api.example.com/#part", false],
    ["https://api.example.com/a b", false],
    ["", false],
    [`https://example.com/${"a".repeat(2000)}`, false],
  ])("%s: %s", (value, expected) => {
    expect(isResourceIndicator(value)).toBe(expected);
  });
});

describe("[ISSUING] resource indicators", () => {
  it("without resource, the token is for the APIs of its scopes by name, as before", () => {
    const decision = ok(base({ requestedScopes: ["read_invoices", "read_orders"] }));
    expect(decision.accessToken.resources).toEqual([]);
    expect(decision.accessToken.audiences).toEqual(["audit", "invoices", "orders"]);
    expect(decision.accessToken.scopes).toEqual(decision.grantedScopes);
  });

  it("with one resource, aud is that identifier only and the other APIs' scopes are left out of the token", () => {
    const decision = ok(base({ requestedScopes: ["read_invoices", "read_orders", "openid"], resources: [INVOICES] }));
    // The grant keeps what was asked (consent, ID token); the access token is the resource's.
    expect(decision.grantedScopes).toEqual(["read_invoices", "read_orders", "openid", "audit"]);
    expect(decision.accessToken).toMatchObject({
      resources: [INVOICES],
      audiences: [INVOICES],
      scopes: ["read_invoices"],
    });
    expect(decision.explanation.map((line) => line.text)).toContain(
      `Access token for ${INVOICES}; scopes of other APIs left out of it: read_orders openid audit.`,
    );
  });

  it("several resources make one token for each of them, with their scopes (decision 013)", () => {
    const decision = ok(
      base({ requestedScopes: ["read_invoices", "read_orders", "openid"], resources: [ORDERS, INVOICES, ORDERS] }),
    );
    expect(decision.accessToken).toMatchObject({
      audiences: [INVOICES, ORDERS],
      scopes: ["read_invoices", "read_orders"],
    });
  });

  it("the access token lifetime is decided from the token's scopes", () => {
    const short = [scope("fast", { api: orders, accessTokenLifetime: 60 }), scope("slow", { api: invoices })];
    const decision = ok(
      base({ scopes: short, client: null, requestedScopes: ["fast", "slow"], resources: [INVOICES] }),
    );
    expect(decision.accessToken.lifetime).toBe(DEFAULT_SERVICE_SETTINGS.accessTokenLifetime);
  });

  it.each([
    ["a relative reference", ["/invoices"], "A resource must be an absolute URI without a fragment."],
    ["a fragment", [`${INVOICES}#x`], "A resource must be an absolute URI without a fragment."],
    ["an unknown resource", ["https://nowhere.example"], "Unknown resource: https://nowhere.example."],
  ])("%s is invalid_target", (_label, resources, description) => {
    expect(refusal(base({ requestedScopes: ["read_invoices"], resources }))).toEqual({
      error: "invalid_target",
      description,
    });
  });

  it("a resource none of whose scopes the client is allowed is invalid_target", () => {
    const invoicesOnly = client({ allowedScopes: ["read_invoices"] });
    expect(
      refusal(base({ client: invoicesOnly, requestedScopes: ["read_invoices"], resources: [INVOICES, ORDERS] })),
    ).toEqual({ error: "invalid_target", description: `The client may not use the resource: ${ORDERS}.` });
  });

  it("a preview without a client may name any resource", () => {
    expect(
      ok(base({ client: null, requestedScopes: ["read_orders"], resources: [ORDERS] })).accessToken.scopes,
    ).toEqual(["read_orders"]);
  });

  it("a named resource that gets no scope is invalid_scope", () => {
    expect(refusal(base({ requestedScopes: ["read_invoices"], resources: [INVOICES, ORDERS] }))).toEqual({
      error: "invalid_scope",
      description: `No granted scope is of the resource: ${ORDERS}.`,
    });
  });

  it("the code exchange may narrow to some of the authorization request's resources, not widen", () => {
    const exchange = (resources: string[]) =>
      base({
        requestedScopes: ["read_invoices", "read_orders"],
        resources,
        authorizedResources: [INVOICES, ORDERS],
      });
    expect(ok(exchange([])).accessToken.audiences).toEqual([INVOICES, ORDERS]);
    expect(ok(exchange([ORDERS])).accessToken).toMatchObject({ audiences: [ORDERS], scopes: ["read_orders"] });
    expect(refusal(exchange([IDENTITY]))).toEqual({
      error: "invalid_target",
      description: `Not a resource of the authorization request: ${IDENTITY}.`,
    });
  });

  it("a refresh may ask for one of the grant's resources; without resource it keeps them all", () => {
    const refresh = (resources: string[], requestedScopes: string[] = []) =>
      base({
        grantType: "refresh_token",
        requestedScopes,
        grant: { issuedAt: NOW - 60, scopes: ["read_invoices", "write_invoices", "read_orders", "openid"] },
        resources,
        authorizedResources: [INVOICES, ORDERS],
      });
    expect(ok(refresh([])).accessToken).toMatchObject({
      audiences: [INVOICES, ORDERS],
      scopes: ["read_invoices", "write_invoices", "read_orders"],
    });
    expect(ok(refresh([INVOICES])).accessToken).toMatchObject({
      audiences: [INVOICES],
      scopes: ["read_invoices", "write_invoices"],
    });
    expect(ok(refresh([INVOICES], ["read_invoices"])).accessToken.scopes).toEqual(["read_invoices"]);
    expect(refusal(refresh([IDENTITY])).error).toBe("invalid_target");
    expect(refusal(refresh([INVOICES], ["read_orders"]))).toEqual({
      error: "invalid_scope",
      description: `No granted scope is of the resource: ${INVOICES}.`,
    });
  });

  it("a grant bound to no resource may be refreshed for the API of one of its scopes", () => {
    const decision = ok(
      base({
        grantType: "refresh_token",
        grant: { issuedAt: NOW - 60, scopes: ["read_invoices", "read_orders"] },
        resources: [ORDERS],
        authorizedResources: [],
      }),
    );
    expect(decision.accessToken).toMatchObject({ audiences: [ORDERS], scopes: ["read_orders"] });
  });

  it("a grant's resource that no longer has a granted scope is left out of an unnamed refresh", () => {
    const decision = ok(
      base({
        grantType: "refresh_token",
        grant: { issuedAt: NOW - 60, scopes: ["read_invoices"] },
        authorizedResources: [INVOICES, ORDERS, "https://deleted.example"],
      }),
    );
    expect(decision.accessToken.audiences).toEqual([INVOICES]);
  });

  it("a grant none of whose resources is known any more is invalid_target, not widened", () => {
    const decision = decideToken(
      base({
        grantType: "refresh_token",
        grant: { issuedAt: NOW - 60, scopes: ["read_invoices"] },
        authorizedResources: ["https://renamed.example"],
      }),
    );
    expect(decision).toMatchObject({ ok: false, error: "invalid_target" });
  });

  it("client_credentials with resource: the required scopes of other APIs are left out", () => {
    const decision = ok(
      base({ grantType: "client_credentials", requestedScopes: ["read_orders"], resources: [ORDERS] }),
    );
    expect(decision.grantedScopes).toEqual(["read_orders", "audit"]);
    expect(decision.accessToken).toMatchObject({ audiences: [ORDERS], scopes: ["read_orders"] });
  });
});
