// The lifecycle rules of issuing: a retired scope (or a deprecated one past its sunset) is never
// granted; a deprecated one is granted, reported, shown as such on consent and left out of discovery.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SERVICE_SETTINGS,
  decideToken,
  isRetiredAt,
  lifecycleAt,
  scopesSupported,
  type TokenRequest,
} from "./index";
import { client, ok, scope } from "./test-fixtures";

const NOW = 1_800_000_000;
const HOUR = 3_600;
const DEPRECATED_AT = NOW - 10 * HOUR;
const SUNSET = NOW + 10 * HOUR;

const newReports = scope("reports:v2", { displayName: "Reports (v2)", documentationUrl: "https://docs.example/v2" });
const oldReports = scope("reports", {
  lifecycle: "deprecated",
  deprecatedAt: DEPRECATED_AT,
  sunsetAt: SUNSET,
  replacedBy: newReports.name,
  deprecationNote: "Moved to v2.",
});
const gone = scope("legacy", { lifecycle: "retired" });
const pastSunset = scope("expired", { lifecycle: "deprecated", deprecatedAt: DEPRECATED_AT, sunsetAt: NOW });
const active = scope("read");
const scopes = [newReports, oldReports, gone, pastSunset, active];

const base = (overrides: Partial<TokenRequest>): TokenRequest => ({
  settings: DEFAULT_SERVICE_SETTINGS,
  scopes,
  client: null,
  grantType: "client_credentials",
  requestedScopes: [],
  now: NOW,
  ...overrides,
});

describe("lifecycleAt", () => {
  it.each([
    ["an active scope", active, "active"],
    ["a deprecated scope before its sunset", oldReports, "deprecated"],
    ["a deprecated scope at its sunset", pastSunset, "retired"],
    ["a retired scope", gone, "retired"],
    ["a scope without lifecycle facts", { name: "bench", lifecycle: undefined, sunsetAt: undefined }, "active"],
  ])("%s is %s", (_label, value, expected) => {
    expect(lifecycleAt(value, NOW)).toBe(expected);
  });

  it("a deprecated scope is retired from the second of its sunset on", () => {
    expect(isRetiredAt(oldReports, SUNSET - 1)).toBe(false);
    expect(isRetiredAt(oldReports, SUNSET)).toBe(true);
  });
});

describe("a retired scope is never granted", () => {
  it.each([
    ["client_credentials", "client_credentials", gone.name],
    ["client_credentials, deprecated past its sunset", "client_credentials", pastSunset.name],
    ["authorization_code (the authorization request and a code holding it)", "authorization_code", gone.name],
  ] as const)("%s asking for it is invalid_scope naming it", (_label, grantType, name) => {
    const decision = decideToken(base({ grantType, requestedScopes: [active.name, name] }));
    expect(decision).toMatchObject({ ok: false, error: "invalid_scope" });
    expect(!decision.ok && decision.description).toContain(name);
  });

  it("a refresh naming it explicitly is invalid_scope", () => {
    const decision = decideToken(
      base({
        grantType: "refresh_token",
        requestedScopes: [gone.name],
        grant: { issuedAt: NOW - HOUR, scopes: [active.name, gone.name] },
      }),
    );
    expect(decision).toMatchObject({ ok: false, error: "invalid_scope" });
  });

  it("a refresh without scope continues the grant without it", () => {
    const decision = ok(
      base({
        grantType: "refresh_token",
        grant: { issuedAt: NOW - HOUR, scopes: [active.name, gone.name, pastSunset.name, oldReports.name] },
      }),
    );
    expect(decision.grantedScopes).toEqual([active.name, oldReports.name]);
  });

  it("a required scope that is retired is not added", () => {
    const required = [
      scope("always", { required: true }),
      scope("was_required", { required: true, lifecycle: "retired" }),
    ];
    const decision = ok(base({ scopes: [...scopes, ...required], requestedScopes: [active.name] }));
    expect(decision.grantedScopes).toEqual([active.name, "always"]);
  });

  it("the client's allowance does not matter: retired is refused as retired", () => {
    const theClient = client({ allowedScopes: [gone.name] });
    const decision = decideToken(base({ client: theClient, requestedScopes: [gone.name] }));
    expect(!decision.ok && decision.description).toMatch(/Retired/);
  });
});

describe("a deprecated scope is granted, and says so", () => {
  it("the decision reports it with its sunset and its replacement's documentation", () => {
    const decision = ok(base({ requestedScopes: [active.name, oldReports.name] }));
    expect(decision.grantedScopes).toEqual([active.name, oldReports.name]);
    expect(decision.deprecated).toEqual([
      {
        name: oldReports.name,
        deprecatedAt: DEPRECATED_AT,
        sunsetAt: SUNSET,
        note: "Moved to v2.",
        replacedBy: newReports.name,
        replacementLabel: "Reports (v2)",
        replacementDocumentationUrl: "https://docs.example/v2",
      },
    ]);
    expect(decision.explanation.some((line) => line.text.includes("deprecated"))).toBe(true);
  });

  it("nothing deprecated: an empty report", () => {
    expect(ok(base({ requestedScopes: [active.name] })).deprecated).toEqual([]);
  });

  it("a replacement that no longer exists is named as stored, without a link", () => {
    const orphan = scope("orphan", { lifecycle: "deprecated", sunsetAt: SUNSET, replacedBy: "deleted_scope" });
    const decision = ok(base({ scopes: [orphan], requestedScopes: [orphan.name] }));
    expect(decision.deprecated[0]).toMatchObject({
      replacementLabel: "deleted_scope",
      replacementDocumentationUrl: null,
    });
  });

  it("the consent screen carries the deprecation; active scopes carry none", () => {
    const decision = ok(base({ grantType: "authorization_code", requestedScopes: [active.name, oldReports.name] }));
    const byName = new Map(decision.consent?.scopes.map((entry) => [entry.name, entry]));
    expect(byName.get(active.name)?.deprecation).toBeNull();
    expect(byName.get(oldReports.name)?.deprecation).toMatchObject({
      sunsetAt: SUNSET,
      replacementLabel: "Reports (v2)",
      note: "Moved to v2.",
    });
  });

  it("scopes_supported lists active scopes only", () => {
    expect(scopesSupported(scopes)).toEqual([active.name, newReports.name].sort());
  });
});
