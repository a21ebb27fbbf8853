import { describe, expect, it } from "vitest";
import { applyConsent, DAY, DEFAULT_SERVICE_SETTINGS, decideToken, scopesSupported, type TokenRequest } from "./index";
import { client, ok, scope } from "./test-fixtures";

const NOW = 1_800_000_000;
const base = (overrides: Partial<TokenRequest>): TokenRequest => ({
  settings: DEFAULT_SERVICE_SETTINGS,
  scopes: [],
  client: null,
  grantType: "authorization_code",
  requestedScopes: [],
  now: NOW,
  ...overrides,
});

describe("rule 3: the most restrictive lifetime wins (Authlete's table)", () => {
  const settings = { ...DEFAULT_SERVICE_SETTINGS, accessTokenLifetime: 86_400 };
  const scopes = [scope("read", { accessTokenLifetime: 3_600 }), scope("write", { accessTokenLifetime: 600 })];
  it.each([
    [[], 86_400, "service default"],
    [["read"], 3_600, "scope read"],
    [["write"], 600, "scope write"],
    [["read", "write"], 600, "scope write"],
  ])("scopes %j get %i s", (requestedScopes, lifetime, decidedBy) => {
    const decision = ok(base({ settings, scopes, requestedScopes }));
    expect(decision.accessToken).toMatchObject({ lifetime, expiresAt: NOW + lifetime });
    expect(decision.explanation.find((line) => line.subject === "accessToken")?.text).toContain(`from ${decidedBy}`);
  });

  it.each([
    ["an API default replaces the service default", { api: { accessTokenLifetime: 7_200 } }, null, 7_200],
    [
      "a scope below its API default wins",
      { accessTokenLifetime: 300, api: { accessTokenLifetime: 7_200 } },
      null,
      300,
    ],
    [
      "an API default above the service default still replaces it",
      { api: { accessTokenLifetime: 200_000 } },
      null,
      200_000,
    ],
    ["a client lifetime takes part", {}, 900, 900],
    ["a client lifetime above the default changes nothing", {}, 999_999, 86_400],
  ])("%s", (_label, overrides, clientLifetime, lifetime) => {
    const decision = ok(
      base({
        scopes: [scope("data", overrides)],
        client: client({ allowedScopes: ["data"], accessTokenLifetime: clientLifetime }),
        requestedScopes: ["data"],
      }),
    );
    expect(decision.accessToken.lifetime).toBe(lifetime);
  });

  it("scopes of two APIs take the smaller of their defaults", () => {
    const scopes = [
      scope("a", { api: { id: "1", name: "one", accessTokenLifetime: 5_000 } }),
      scope("b", { api: { id: "2", name: "two", accessTokenLifetime: null } }),
    ];
    expect(ok(base({ scopes, requestedScopes: ["a", "b"] })).accessToken.lifetime).toBe(5_000);
  });

  it("the refresh lifetime follows the same rule", () => {
    const scopes = [scope("read", { refreshTokenLifetime: 1_000 }), scope("write", { refreshTokenLifetime: 600 })];
    expect(ok(base({ scopes, requestedScopes: ["read"] })).refreshToken?.lifetime).toBe(1_000);
    expect(ok(base({ scopes, requestedScopes: ["read", "write"] })).refreshToken?.lifetime).toBe(600);
    const withClient = base({
      scopes,
      requestedScopes: ["read"],
      client: client({ allowedScopes: ["read"], refreshTokenLifetime: 120 }),
    });
    expect(ok(withClient).refreshToken?.lifetime).toBe(120);
  });
});

describe("rule 4: required, emphasize and discovery", () => {
  const scopes = [
    scope("audit", { required: true }),
    scope("profile"),
    scope("write", { emphasize: true }),
    scope("admin", { emphasize: true, required: true }),
    scope("hidden", { showInDiscoveryDocument: false }),
  ];

  it("required scopes are granted unrequested, checked and locked on consent", () => {
    const decision = ok(base({ scopes, requestedScopes: ["profile"] }));
    expect(decision.grantedScopes.sort()).toEqual(["admin", "audit", "profile"]);
    const audit = decision.consent?.scopes.find((s) => s.name === "audit");
    expect(audit).toMatchObject({ checked: true, locked: true });
    expect(decision.consent?.scopes.find((s) => s.name === "profile")).toMatchObject({ checked: true, locked: false });
  });

  it.each(["openid", "profile", "email", "address", "phone", "offline_access"])(
    "a required OpenID Connect scope (%s) is granted only when requested, by any grant",
    (name) => {
      const oidc = [...scopes.filter((s) => s.name !== name), scope(name, { required: true })];
      for (const grantType of ["authorization_code", "client_credentials"] as const) {
        const decision = ok(base({ scopes: oidc, grantType, requestedScopes: ["write"] }));
        expect(decision.grantedScopes.sort()).toEqual(["admin", "audit", "write"]);
        expect(decision.explanation.map((line) => line.text)).toContain(
          `Required, yet not added: OpenID Connect scopes are granted only when requested: ${name}.`,
        );
      }
      const asked = ok(base({ scopes: oidc, requestedScopes: [name, "write"] }));
      expect(asked.grantedScopes.sort()).toEqual(["admin", "audit", name, "write"].sort());
      expect(asked.consent?.scopes.find((s) => s.name === name)).toMatchObject({ checked: true, locked: true });
    },
  );

  it("required scopes go only to clients that may use them", () => {
    const decision = ok(
      base({ scopes, client: client({ allowedScopes: ["profile", "audit"] }), requestedScopes: ["profile"] }),
    );
    expect(decision.grantedScopes.sort()).toEqual(["audit", "profile"]);
  });

  it("emphasized scopes come first on the consent screen", () => {
    const decision = ok(base({ scopes, requestedScopes: ["profile", "write", "hidden"] }));
    expect(decision.consent?.scopes.map((s) => s.name)).toEqual(["admin", "write", "audit", "hidden", "profile"]);
  });

  it("consent keeps required scopes even when unticked", () => {
    const decision = ok(base({ scopes, requestedScopes: ["profile", "write"] }));
    expect(applyConsent(decision.consent ?? { scopes: [] }, ["write"]).sort()).toEqual(["admin", "audit", "write"]);
  });

  it("only scopes shown in the discovery document are in scopes_supported", () => {
    expect(scopesSupported(scopes)).toEqual(["admin", "audit", "profile", "write"]);
  });
});

describe("rule 6 and grants: refusals", () => {
  const scopes = [scope("read"), scope("write"), scope("openid", { required: true }), scope("offline_access")];
  it.each([
    ["an unknown scope", { requestedScopes: ["read", "delete"] }, "invalid_scope"],
    [
      "a scope the client may not use",
      { client: client({ allowedScopes: ["read"] }), requestedScopes: ["write"] },
      "invalid_scope",
    ],
    [
      "a grant type the client may not use",
      {
        client: client({ allowedScopes: ["read"], allowedGrantTypes: ["authorization_code"] }),
        grantType: "client_credentials" as const,
      },
      "unauthorized_client",
    ],
    [
      "offline_access with client_credentials",
      { grantType: "client_credentials" as const, requestedScopes: ["offline_access"] },
      "invalid_scope",
    ],
    [
      "a wider scope on refresh",
      { grantType: "refresh_token" as const, grant: { issuedAt: NOW, scopes: ["read"] }, requestedScopes: ["write"] },
      "invalid_scope",
    ],
  ])("%s is refused", (_label, overrides, error) => {
    const decision = decideToken(base({ scopes, ...overrides }));
    expect(decision).toMatchObject({ ok: false, error });
  });

  it("no scope at all is allowed and gets the defaults", () => {
    const decision = ok(base({ scopes: [scope("read")], requestedScopes: [] }));
    expect(decision.grantedScopes).toEqual([]);
    expect(decision.accessToken.lifetime).toBe(DEFAULT_SERVICE_SETTINGS.accessTokenLifetime);
    expect(decision.refreshToken?.lifetime).toBe(DEFAULT_SERVICE_SETTINGS.refreshTokenLifetime);
  });

  it("client_credentials never gets a refresh token nor user scopes, not even required ones", () => {
    const decision = ok(base({ scopes, grantType: "client_credentials", requestedScopes: ["read"] }));
    expect(decision.refreshToken).toBeNull();
    expect(decision.grantedScopes).toEqual(["read"]);
    expect(decision.consent).toBeNull();
  });

  it("a client without the refresh_token grant gets no refresh token", () => {
    const noRefresh = client({ allowedScopes: ["read"], allowedGrantTypes: ["authorization_code"] });
    expect(ok(base({ scopes, client: noRefresh, requestedScopes: ["read"] })).refreshToken).toBeNull();
  });

  it("a narrower scope may be asked for on refresh", () => {
    const decision = ok(
      base({
        scopes,
        grantType: "refresh_token",
        grant: { issuedAt: NOW, scopes: ["read", "write"] },
        requestedScopes: ["read"],
      }),
    );
    expect(decision.grantedScopes).toEqual(["read"]);
  });
});

describe("rule 5: offline access and the absolute lifetime", () => {
  const scopes = [scope("read"), scope("offline_access")];
  const refreshOn = (day: number) =>
    decideToken(
      base({
        scopes,
        grantType: day === 0 ? "authorization_code" : "refresh_token",
        requestedScopes: day === 0 ? ["read", "offline_access"] : [],
        grant: { issuedAt: NOW, scopes: ["read", "offline_access"] },
        now: NOW + day * DAY,
      }),
    );

  it.each([
    [0, 180],
    [179, 359],
    [550, 730],
    [700, 730],
  ])("a refresh on day %i yields a token that expires on day %i", (day, expiresOnDay) => {
    const decision = refreshOn(day);
    if (!decision.ok) throw new Error(decision.description);
    expect(decision.refreshToken).toMatchObject({
      expiresAt: NOW + expiresOnDay * DAY,
      lifetime: (expiresOnDay - day) * DAY,
      absoluteLifetime: 730 * DAY,
      offline: true,
    });
  });

  it.each([730, 731])("a refresh on day %i fails with invalid_grant", (day) => {
    expect(refreshOn(day)).toMatchObject({ ok: false, error: "invalid_grant" });
  });

  it("without offline access a refresh token lives 1800 s, and 36000 s after consent at most", () => {
    const online = (seconds: number) =>
      decideToken(
        base({ scopes, grantType: "refresh_token", grant: { issuedAt: NOW, scopes: ["read"] }, now: NOW + seconds }),
      );
    expect(online(0)).toMatchObject({ ok: true, refreshToken: { lifetime: 1_800, offline: false } });
    expect(online(35_000)).toMatchObject({ ok: true, refreshToken: { lifetime: 1_000, expiresAt: NOW + 36_000 } });
    expect(online(36_000)).toMatchObject({ ok: false, error: "invalid_grant" });
  });

  it("the explanation says which setting decided each number", () => {
    const decision = refreshOn(700);
    if (!decision.ok) throw new Error(decision.description);
    const refreshLines = decision.explanation
      .filter((line) => line.subject === "refreshToken")
      .map((line) => line.text);
    expect(refreshLines[0]).toContain("service offline refresh lifetime");
    expect(refreshLines[1]).toContain("caps this token");
  });
});

describe("refresh grants (review findings)", () => {
  const scopes = [scope("read", { api: { refreshTokenLifetime: 365 * DAY } }), scope("write"), scope("offline_access")];

  it("an API's refresh default caps but never lengthens a refresh token", () => {
    expect(ok(base({ scopes, requestedScopes: ["read"] })).refreshToken?.lifetime).toBe(1_800);
    const capped = [scope("read", { api: { refreshTokenLifetime: 600 } })];
    expect(ok(base({ scopes: capped, requestedScopes: ["read"] })).refreshToken?.lifetime).toBe(600);
  });

  it("narrowing the scopes of an offline grant keeps its offline lifetimes", () => {
    const decision = ok(
      base({
        scopes,
        grantType: "refresh_token",
        grant: { issuedAt: NOW, scopes: ["write", "offline_access"] },
        requestedScopes: ["write"],
        now: NOW + 100 * DAY,
      }),
    );
    expect(decision.refreshToken).toMatchObject({ offline: true, lifetime: 180 * DAY });
  });

  it("a refresh without its grant is invalid_grant", () => {
    expect(decideToken(base({ scopes, grantType: "refresh_token" }))).toMatchObject({
      ok: false,
      error: "invalid_grant",
    });
  });

  it("a refresh drops scopes the client may no longer use", () => {
    const decision = ok(
      base({
        scopes,
        client: client({ allowedScopes: ["read"] }),
        grantType: "refresh_token",
        grant: { issuedAt: NOW, scopes: ["read", "write"] },
      }),
    );
    expect(decision.grantedScopes).toEqual(["read"]);
  });
});
