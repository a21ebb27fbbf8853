import { describe, expect, it } from "vitest";
import * as sessionRoute from "@/app/api/session/route";
import * as passwordRoute from "@/app/api/users/[id]/password/route";
import * as userRoute from "@/app/api/users/[id]/route";
import * as usersRoute from "@/app/api/users/route";
import { verifyPassword } from "@/lib/accounts/passwords";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { bootstrapAdmin } from "@/lib/users/bootstrap-admin";
import { createUser } from "@/lib/users/create-user";
import { call, unique } from "./call";
import { createApi, createUser as createTestUser } from "./factories";
import { signedIn } from "./sessions";

class Rollback extends Error {}

/** Runs `fn` on a database without users, then rolls back: other test files share the database. */
async function withoutUsers(fn: (tx: Prisma.TransactionClient) => Promise<void>) {
  await db()
    .$transaction(
      async (tx) => {
        await tx.user.deleteMany();
        await fn(tx);
        throw new Rollback();
      },
      { timeout: 20_000 },
    )
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
}

const newEmail = () => `${unique("user")}@example.com`;
const PASSWORD = "a long enough password";

async function addUser(body: Record<string, unknown>) {
  return call(usersRoute.POST, "POST", "/api/users", { body });
}

/** POST /api/session from a browser, which may already hold a session cookie. */
async function signIn(email: string, password: string, cookie?: string) {
  const response = await sessionRoute.POST(
    new Request("http://localhost/api/session", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ email, password }),
    }),
    { params: Promise.resolve({}) },
  );
  return { status: response.status, cookie: response.headers.get("set-cookie"), json: await response.json() };
}

describe("the first admin", () => {
  it("comes from ADMIN_EMAIL and ADMIN_PASSWORD, or gets a generated password printed once", async () => {
    await withoutUsers(async (tx) => {
      const lines: string[] = [];
      const created = await bootstrapAdmin(
        tx,
        { ADMIN_EMAIL: "Owner@Example.com", ADMIN_PASSWORD: "correct horse battery" },
        (line) => lines.push(line),
      );
      expect(created).toEqual({ email: "owner@example.com" });
      const stored = await tx.user.findUniqueOrThrow({ where: { email: "owner@example.com" } });
      expect(stored.role).toBe("admin");
      expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(await verifyPassword("correct horse battery", stored.passwordHash)).toBe(true);
      expect(lines.join()).not.toContain("correct horse battery");
      // With a user present, nothing happens.
      expect(await bootstrapAdmin(tx, {}, (line) => lines.push(line))).toBeNull();
    });

    await withoutUsers(async (tx) => {
      const lines: string[] = [];
      await bootstrapAdmin(tx, {}, (line) => lines.push(line));
      const password = /the password (\S+) \(shown once/.exec(lines[0])?.[1] ?? "";
      expect(password.length).toBeGreaterThanOrEqual(24);
      const admin = await tx.user.findUniqueOrThrow({ where: { email: "admin@scope-console.local" } });
      expect(admin.role).toBe("admin");
      expect(await verifyPassword(password, admin.passwordHash)).toBe(true);
      expect(await verifyPassword("admin", admin.passwordHash)).toBe(false);
    });
  });

  it("is refused with a clear message when ADMIN_PASSWORD is weak", async () => {
    await withoutUsers(async (tx) => {
      await expect(bootstrapAdmin(tx, { ADMIN_PASSWORD: "admin" }, () => {})).rejects.toThrow(/at least 12/);
    });
  });
});

describe("createUser", () => {
  it("refuses a weak password, a bad email and a taken email", async () => {
    const email = newEmail();
    await expect(createUser(db(), { email, password: "short", role: "user" })).rejects.toThrow(/at least 12/);
    await expect(createUser(db(), { email: "not-an-email", password: PASSWORD, role: "user" })).rejects.toThrow(
      /valid email/,
    );
    await createUser(db(), { email, password: PASSWORD, role: "user" });
    await expect(createUser(db(), { email: email.toUpperCase(), password: PASSWORD, role: "user" })).rejects.toThrow(
      /already exists/,
    );
  });
});

describe("/api/users", () => {
  it("an admin creates users with a role and APIs; never a password hash in the answer", async () => {
    const api = await createApi({ name: unique("owned") });
    const email = newEmail();
    const created = await addUser({ email: email.toUpperCase(), password: PASSWORD, role: "owner", apiIds: [api.id] });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ email, role: "owner", apiIds: [api.id], disabled: false, version: 1 });
    expect(JSON.stringify(created.json)).not.toMatch(/argon2|passwordHash|a long enough/);

    const listed = await call(usersRoute.GET, "GET", `/api/users?q=${encodeURIComponent(email)}`);
    expect(listed.json.items).toEqual([created.json]);
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const before = await db().user.count();
    const cases: Record<string, unknown>[] = [
      { email: "nope", password: PASSWORD, role: "owner" },
      { email: newEmail(), password: "short", role: "owner" },
      { email: newEmail(), password: PASSWORD, role: "root" },
      { email: newEmail(), password: PASSWORD, role: "owner", apiIds: ["no-such-api"] },
      { email: newEmail(), password: PASSWORD, role: "admin", extra: true },
    ];
    for (const body of cases) {
      const response = await addUser(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.json.errors, JSON.stringify(body)).toBeDefined();
    }
    const email = newEmail();
    expect((await addUser({ email, password: PASSWORD, role: "user" })).status).toBe(201);
    const taken = await addUser({ email, password: PASSWORD, role: "user" });
    expect(taken.status).toBe(409);
    expect(taken.json.errors.email[0]).toMatch(/already exists/);
    expect(await db().user.count()).toBe(before + 1);
  });

  it("a disabled account cannot sign in and its sessions end; enabling restores sign-in", async () => {
    const user = await createTestUser({ password: PASSWORD, role: "admin" });
    const { email } = user;
    const session = await signIn(email, PASSWORD);
    expect(session.status).toBe(200);
    const cookie = session.cookie?.split(";")[0] ?? "";
    const asUser = { id: user.id, email, cookie };
    expect((await call(usersRoute.GET, "GET", "/api/users", { as: asUser })).status).toBe(200);

    const path = `/api/users/${user.id}`;
    const params = { id: user.id };
    const disabled = await call(userRoute.PATCH, "PATCH", path, { params, body: { disabled: true, version: 1 } });
    expect(disabled.json).toMatchObject({ disabled: true, version: 2 });
    expect((await call(usersRoute.GET, "GET", "/api/users", { as: asUser })).status).toBe(401);
    expect((await signIn(email, PASSWORD)).status).toBe(401);

    await call(userRoute.PATCH, "PATCH", path, { params, body: { disabled: false, version: 2 } });
    expect((await signIn(email, PASSWORD)).status).toBe(200);
  });

  it("a password reset replaces the password and ends the user's sessions", async () => {
    const user = await createTestUser({ password: PASSWORD, role: "owner" });
    const { email } = user;
    const cookie = (await signIn(email, PASSWORD)).cookie?.split(";")[0] ?? "";
    const path = `/api/users/${user.id}/password`;
    const params = { id: user.id };
    expect((await call(passwordRoute.PUT, "PUT", path, { params, body: { password: "short" } })).status).toBe(400);
    const reset = await call(passwordRoute.PUT, "PUT", path, { params, body: { password: "another long password" } });
    expect(reset.status).toBe(200);
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
    expect((await call(usersRoute.GET, "GET", "/api/users", { as: { id: user.id, email, cookie } })).status).toBe(401);
    expect((await signIn(email, PASSWORD)).status).toBe(401);
    expect((await signIn(email, "another long password")).status).toBe(200);
  });

  it("an admin cannot disable or demote themselves", async () => {
    const admin = await signedIn("admin");
    const params = { id: admin.id };
    for (const body of [
      { disabled: true, version: 1 },
      { role: "owner", version: 1 },
    ]) {
      const response = await call(userRoute.PATCH, "PATCH", `/api/users/${admin.id}`, { params, body, as: admin });
      expect(response.status).toBe(400);
    }
  });
});

describe("/api/session", () => {
  it("signs a console user in and out; the cookie is httpOnly, SameSite=Lax and revocable", async () => {
    const { email } = await createTestUser({ password: PASSWORD, role: "owner" });
    expect((await signIn(email, "wrong password!!")).status).toBe(401);
    const session = await signIn(email, PASSWORD);
    expect(session.status).toBe(200);
    expect(session.json).toEqual({ email, role: "owner" });
    expect(session.cookie).toMatch(/^scope_console_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    const cookie = session.cookie?.split(";")[0] ?? "";
    const as = { id: "", email, cookie };
    expect((await call(sessionRoute.GET, "GET", "/api/session", { as })).json).toMatchObject({ email, role: "owner" });

    // Signing in again from the same browser replaces its session.
    const again = await signIn(email, PASSWORD, cookie);
    expect(again.status).toBe(200);
    expect((await call(sessionRoute.GET, "GET", "/api/session", { as })).status).toBe(401);
    as.cookie = again.cookie?.split(";")[0] ?? "";

    const out = await call(sessionRoute.DELETE, "DELETE", "/api/session", { as });
    expect(out.status).toBe(204);
    expect((await call(sessionRoute.GET, "GET", "/api/session", { as })).status).toBe(401);
    expect((await call(sessionRoute.DELETE, "DELETE", "/api/session", { as })).status).toBe(401);
  });

  it("a user who may only authorize applications gets no console session", async () => {
    const { email } = await createTestUser({ password: PASSWORD });
    const refused = await signIn(email, PASSWORD);
    expect(refused.status).toBe(403);
    expect(refused.cookie).toBeNull();
    expect(refused.json.detail).toMatch(/only sign in to applications/);
  });
});
