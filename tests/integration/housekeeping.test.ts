// Expired rows are deleted; live ones stay. Other test files share the database, so this one looks
// only at its own rows and uses the real clock (their clocks run years ahead of it).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { deleteExpiredRows } from "@/lib/db/housekeeping";
import { addToWindows } from "@/lib/rate-limit/counter";
import { dateOf, systemClock } from "@/lib/time/epoch";
import { unique } from "./call";
import { signedIn } from "./sessions";

describe("housekeeping", () => {
  it("deletes expired sessions, codes, revocations, grants and rate windows, and nothing alive", async () => {
    const now = systemClock();
    const user = await signedIn("user");
    const rows = async (expiresAt: number) => {
      const id = unique("hk");
      await db().session.create({
        data: { id, publicId: id, userId: user.id, authTime: dateOf(now), expiresAt: dateOf(expiresAt) },
      });
      await db().authorizationCode.create({
        data: {
          id,
          clientId: "c",
          userId: user.id,
          redirectUri: "https://app.example/cb",
          scopes: [],
          authTime: dateOf(now),
          expiresAt: dateOf(expiresAt),
        },
      });
      await db().revokedToken.create({ data: { jti: id, expiresAt: dateOf(expiresAt) } });
      await db().grant.create({
        data: {
          id,
          clientId: "c",
          userId: user.id,
          scopes: [],
          issuedAt: dateOf(now),
          authTime: dateOf(now),
          tokensExpireAt: dateOf(expiresAt),
          refreshTokens: { create: { id, expiresAt: dateOf(expiresAt) } },
        },
      });
      return id;
    };
    const expired = await rows(now - 60);
    const alive = await rows(now + 3_600);
    const window = unique("hk-window");
    await addToWindows(db(), [{ key: window, amount: 1, windowSeconds: 1 }], now - 10);

    const deleted = await deleteExpiredRows(db(), now);
    expect(deleted.sessions).toBeGreaterThanOrEqual(1);

    const exists = async (id: string) => ({
      session: (await db().session.count({ where: { id } })) === 1,
      code: (await db().authorizationCode.count({ where: { id } })) === 1,
      revocation: (await db().revokedToken.count({ where: { jti: id } })) === 1,
      grant: (await db().grant.count({ where: { id } })) === 1,
      refreshToken: (await db().refreshToken.count({ where: { id } })) === 1,
    });
    expect(await exists(expired)).toEqual({
      session: false,
      code: false,
      revocation: false,
      grant: false,
      refreshToken: false,
    });
    expect(await exists(alive)).toEqual({
      session: true,
      code: true,
      revocation: true,
      grant: true,
      refreshToken: true,
    });
    expect(await db().rateLimit.count({ where: { key: window } })).toBe(0);
  });
});
