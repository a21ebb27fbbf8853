// The Sessions page's API: a person lists and ends their own sessions, never anyone else's, and
// ending one signs that browser out and revokes its grants without offline_access.
import { beforeAll, describe, expect, it } from "vitest";
import * as sessionRoute from "@/app/api/session/route";
import * as ownSessionRoute from "@/app/api/sessions/[id]/route";
import * as ownSessionsRoute from "@/app/api/sessions/route";
import { startSession } from "@/lib/accounts/sessions";
import { db } from "@/lib/db/client";
import { createGrant, newGrantId } from "@/lib/oauth/grant-store";
import { systemClock } from "@/lib/time/epoch";
import { call } from "./call";
import { createClient } from "./factories";
import { signedIn, type TestUser } from "./sessions";

/** Another browser of the same user, from the sign-in's own sequence, and its Cookie header. */
async function anotherBrowser(user: TestUser) {
  const { session, setCookie } = await startSession(db(), user.id, systemClock(), "http://localhost", {
    device: "Firefox on Windows",
  });
  return { ...user, cookie: setCookie.split(";")[0], publicId: session.publicId };
}

async function grantIn(sid: string, userId: string, clientId: string, scopes: string[]) {
  const id = newGrantId();
  const now = systemClock();
  await db().$transaction((tx) =>
    createGrant(tx, { id, clientId, userId, scopes, issuedAt: now, authTime: now, tokensExpireAt: now + 3_600, sid }),
  );
  return id;
}

let reports: { clientId: string };

beforeAll(async () => {
  reports = await createClient({ name: "Reports for sessions" });
});

describe("GET /api/sessions", () => {
  it("lists the person's own sessions, the current one marked, with the applications of each", async () => {
    const me = await signedIn("owner");
    const laptop = await anotherBrowser(me);
    const stranger = await signedIn("admin");
    await grantIn(laptop.publicId, me.id, reports.clientId, ["openid"]);

    const listed = await call(ownSessionsRoute.GET, "GET", "/api/sessions", { as: me });
    expect(listed.status).toBe(200);
    expect(listed.json).toHaveLength(2);
    const current = listed.json.find((session: { current: boolean }) => session.current);
    const other = listed.json.find((session: { current: boolean }) => !session.current);
    expect(other).toMatchObject({
      id: laptop.publicId,
      device: "Firefox on Windows",
      applications: [{ clientId: reports.clientId, name: "Reports for sessions" }],
    });
    expect(current.applications).toEqual([]);
    // Never the cookie's hash, and never anyone else's session.
    const hashes = (await db().session.findMany({ where: { userId: me.id } })).map((row) => row.id);
    for (const session of listed.json) expect(hashes).not.toContain(session.id);
    const strangers = await db().session.findMany({ where: { userId: stranger.id } });
    for (const session of listed.json) expect(strangers.map((row) => row.publicId)).not.toContain(session.id);
  });
});

describe("DELETE /api/sessions/{id}", () => {
  it("answers 404 for another person's session, which goes on", async () => {
    const me = await signedIn("admin");
    const stranger = await anotherBrowser(await signedIn("admin"));
    const response = await call(ownSessionRoute.DELETE, "DELETE", `/api/sessions/${stranger.publicId}`, {
      params: { id: stranger.publicId },
      as: me,
    });
    expect(response.status).toBe(404);
    expect(await db().session.count({ where: { publicId: stranger.publicId } })).toBe(1);
    expect((await call(sessionRoute.GET, "GET", "/api/session", { as: stranger })).status).toBe(200);
  });

  it("signs the other browser out, revokes its grants without offline_access, and is audited", async () => {
    const me = await signedIn("owner");
    const laptop = await anotherBrowser(me);
    const online = await grantIn(laptop.publicId, me.id, reports.clientId, ["openid"]);
    const offline = await grantIn(laptop.publicId, me.id, reports.clientId, ["openid", "offline_access"]);

    const response = await call(ownSessionRoute.DELETE, "DELETE", `/api/sessions/${laptop.publicId}`, {
      params: { id: laptop.publicId },
      as: me,
    });
    expect(response.status).toBe(204);
    expect((await call(sessionRoute.GET, "GET", "/api/session", { as: laptop })).status).toBe(401);
    expect((await call(sessionRoute.GET, "GET", "/api/session", { as: me })).status).toBe(200);
    expect((await db().grant.findUnique({ where: { id: online } }))?.revokedAt).not.toBeNull();
    expect((await db().grant.findUnique({ where: { id: offline } }))?.revokedAt).toBeNull();
    const audit = await db().auditEvent.findFirst({ where: { resourceType: "session", resourceId: laptop.publicId } });
    expect(audit).toMatchObject({ action: "delete", actorEmail: me.email });

    const again = await call(ownSessionRoute.DELETE, "DELETE", `/api/sessions/${laptop.publicId}`, {
      params: { id: laptop.publicId },
      as: me,
    });
    expect(again.status).toBe(404);
  });

  it("ending the current session clears its cookie", async () => {
    const me = await signedIn("admin");
    const [current] = (await call(ownSessionsRoute.GET, "GET", "/api/sessions", { as: me })).json;
    const request = new Request(`http://localhost/api/sessions/${current.id}`, {
      method: "DELETE",
      headers: { cookie: me.cookie, origin: "http://localhost" },
    });
    const response = await ownSessionRoute.DELETE(request, { params: Promise.resolve({ id: current.id }) });
    expect(response.status).toBe(204);
    expect(response.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect((await call(sessionRoute.GET, "GET", "/api/session", { as: me })).status).toBe(401);
  });
});
