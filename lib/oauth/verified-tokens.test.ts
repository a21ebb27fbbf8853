import { describe, expect, it } from "vitest";
import type { KeyRing } from "@/lib/oauth/signing-keys";
import { VERIFIED_TOKENS_MAX_ENTRIES, VerifiedTokenCache } from "@/lib/oauth/verified-tokens";

// Two key rings stand for two loads of the configuration: only their identity matters here.
const keys = {} as KeyRing;
const reloaded = {} as KeyRing;
const NOW = 1_900_000_000;

/** A cache and a verifier that counts its calls and accepts every token, expiring at `exp`. */
function setUp(maxEntries?: number, exp = NOW + 60) {
  const cache = new VerifiedTokenCache<{ exp: number; token: string }>(maxEntries);
  const verified: string[] = [];
  const claims = (token: string, at = NOW, ring = keys) =>
    cache.claims(ring, token, at, async () => {
      verified.push(token);
      return { exp, token };
    });
  return { cache, verified, claims };
}

describe("VerifiedTokenCache", () => {
  it("verifies a token once, then answers it from memory by its hash", async () => {
    const { cache, verified, claims } = setUp();
    expect(await claims("a.b.c")).toEqual({ exp: NOW + 60, token: "a.b.c" });
    expect(await claims("a.b.c")).toEqual({ exp: NOW + 60, token: "a.b.c" });
    expect(verified).toEqual(["a.b.c"]);
    expect(cache.size).toBe(1);
  });

  it("never answers an expired token, and forgets it", async () => {
    const { cache, verified, claims } = setUp();
    await claims("a.b.c");
    expect(await claims("a.b.c", NOW + 59)).not.toBeNull();
    expect(await claims("a.b.c", NOW + 60)).toBeNull();
    expect(cache.size).toBe(0);
    expect(verified).toEqual(["a.b.c"]);
  });

  it("remembers nothing that did not verify", async () => {
    const cache = new VerifiedTokenCache<{ exp: number }>();
    let calls = 0;
    const forged = () =>
      cache.claims(keys, "forged", NOW, async () => {
        calls += 1;
        return null;
      });
    expect(await forged()).toBeNull();
    expect(await forged()).toBeNull();
    expect(calls).toBe(2);
    expect(cache.size).toBe(0);
  });

  it("drops everything when the key ring is another (the configuration reloaded)", async () => {
    const { cache, verified, claims } = setUp();
    await claims("a.b.c");
    await claims("d.e.f");
    await claims("a.b.c", NOW, reloaded);
    expect(verified).toEqual(["a.b.c", "d.e.f", "a.b.c"]);
    expect(cache.size).toBe(1);
  });

  it(`holds at most its maximum (${VERIFIED_TOKENS_MAX_ENTRIES} by default), the least recently used going first`, async () => {
    const { cache, verified, claims } = setUp(2);
    await claims("one");
    await claims("two");
    await claims("one");
    await claims("three");
    expect(cache.size).toBe(2);
    await claims("one");
    expect(verified).toEqual(["one", "two", "three"]);
    await claims("two");
    expect(verified).toEqual(["one", "two", "three", "two"]);
  });
});
