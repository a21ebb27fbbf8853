import { expect, it } from "vitest";
import { type KnownRefreshToken, RefreshChainCache } from "@/lib/oauth/refresh-chains";

const token = (expiresAt: number): KnownRefreshToken => ({
  expiresAt,
  grant: { id: "g", clientId: "c", userId: "u", scopes: ["s"], issuedAt: 1, authTime: 1, tokensExpireAt: 2 },
});

it("gives a remembered token once, under the configuration it was remembered in", () => {
  const cache = new RefreshChainCache();
  const config = {};
  cache.remember(config, "a", token(10));
  expect(cache.take(config, "a")?.expiresAt).toBe(10);
  expect(cache.take(config, "a")).toBeUndefined();

  cache.remember(config, "b", token(20));
  expect(cache.take({}, "b")).toBeUndefined();
});

it("forgets the least recently remembered beyond its size, and nothing is kept at size 0", () => {
  const cache = new RefreshChainCache(2);
  const config = {};
  for (const hash of ["a", "b", "c"]) cache.remember(config, hash, token(1));
  expect(cache.take(config, "a")).toBeUndefined();
  expect(cache.take(config, "b")).toBeDefined();
  expect(cache.take(config, "c")).toBeDefined();

  const none = new RefreshChainCache(0);
  none.remember(config, "a", token(1));
  expect(none.take(config, "a")).toBeUndefined();
});
