// Property tests: no combination of settings ever yields a lifetime above any applicable
// setting, below zero, or past the grant's absolute expiry.
import { describe, expect, it } from "vitest";
import { prng } from "@/lib/testing/prng";
import { DAY, decideToken, type GrantType, type ScopeInfo, type ServiceSettings } from "./index";
import { client, scope } from "./test-fixtures";

const RUNS = 10_000;

describe("properties of decideToken", () => {
  it(`holds for ${RUNS} random combinations`, () => {
    const random = prng(20261123);
    const int = (max: number) => 1 + Math.floor(random() * max);
    const maybe = (max: number) => (random() < 0.5 ? null : int(max));
    for (let run = 0; run < RUNS; run++) {
      const settings: ServiceSettings = {
        accessTokenLifetime: int(2 * DAY),
        refreshTokenLifetime: int(DAY),
        refreshAbsoluteLifetime: int(10 * DAY),
        offlineRefreshTokenLifetime: int(365 * DAY),
        offlineAbsoluteLifetime: int(1000 * DAY),
        authorizationCodeLifetime: int(600),
      };
      const apis = Array.from({ length: 3 }, (_, i) => ({
        id: `api${i}`,
        name: `api${i}`,
        resourceUri: `https://api${i}.example`,
        accessTokenLifetime: maybe(2 * DAY),
        refreshTokenLifetime: maybe(365 * DAY),
      }));
      const scopes: ScopeInfo[] = Array.from({ length: 6 }, (_, i) =>
        scope(i === 5 ? "offline_access" : `s${i}`, {
          required: random() < 0.15,
          accessTokenLifetime: maybe(2 * DAY),
          refreshTokenLifetime: maybe(365 * DAY),
          api: apis[int(3) - 1],
        }),
      );
      const requestedScopes = scopes.filter(() => random() < 0.4).map((s) => s.name);
      const theClient =
        random() < 0.5
          ? null
          : client({
              allowedScopes: scopes.map((s) => s.name),
              accessTokenLifetime: maybe(2 * DAY),
              refreshTokenLifetime: maybe(365 * DAY),
            });
      const grantType: GrantType = random() < 0.5 ? "authorization_code" : "refresh_token";
      const issuedAt = 1_000_000;
      const now = issuedAt + (grantType === "refresh_token" ? Math.floor(random() * 1200 * DAY) : 0);
      const decision = decideToken({
        settings,
        scopes,
        client: theClient,
        grantType,
        requestedScopes,
        now,
        grant: { issuedAt, scopes: scopes.map((s) => s.name) },
      });
      if (!decision.ok) {
        expect(decision.error, JSON.stringify({ run, decision })).toBe("invalid_grant");
        continue;
      }
      const granted = scopes.filter((s) => decision.grantedScopes.includes(s.name));
      const accessCaps = [
        ...granted.map((s) => s.accessTokenLifetime),
        theClient?.accessTokenLifetime ?? null,
        granted.length === 0 ? settings.accessTokenLifetime : null,
        ...granted.map((s) => s.api.accessTokenLifetime ?? settings.accessTokenLifetime),
      ].filter((value): value is number => value !== null);
      const access = decision.accessToken.lifetime;
      expect(access).toBeGreaterThan(0);
      for (const cap of accessCaps) expect(access, `run ${run}`).toBeLessThanOrEqual(cap);

      const refresh = decision.refreshToken;
      expect(refresh).not.toBeNull();
      if (!refresh) continue;
      // Offline access belongs to the grant (here: every scope) on refresh, to the request otherwise.
      const offline =
        grantType === "refresh_token"
          ? scopes.some((s) => s.name === "offline_access")
          : decision.grantedScopes.includes("offline_access");
      const refreshDefault = offline ? settings.offlineRefreshTokenLifetime : settings.refreshTokenLifetime;
      const refreshCaps = [
        ...granted.map((s) => s.refreshTokenLifetime),
        theClient?.refreshTokenLifetime ?? null,
        ...granted.map((s) => s.api.refreshTokenLifetime),
        refreshDefault,
      ].filter((value): value is number => value !== null);
      expect(refresh.lifetime).toBeGreaterThan(0);
      for (const cap of refreshCaps) expect(refresh.lifetime, `run ${run}`).toBeLessThanOrEqual(cap);
      const absolute = offline ? settings.offlineAbsoluteLifetime : settings.refreshAbsoluteLifetime;
      expect(refresh.expiresAt).toBeLessThanOrEqual(issuedAt + absolute);
      expect(refresh.expiresAt - now).toBe(refresh.lifetime);
    }
  });
});
