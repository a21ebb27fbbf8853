import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { bootstrapAdmin } from "@/lib/users/bootstrap-admin";
import { createUser } from "@/lib/users/create-user";
import { verifyPassword } from "@/lib/users/passwords";
import { unique } from "./call";

describe("users", () => {
  it("the first user comes from ADMIN_EMAIL and ADMIN_PASSWORD, or gets a generated password printed once", async () => {
    const lines: string[] = [];
    await db().user.deleteMany();
    const created = await bootstrapAdmin(
      db(),
      { ADMIN_EMAIL: "Owner@Example.com", ADMIN_PASSWORD: "correct horse battery" },
      (line) => lines.push(line),
    );
    expect(created).toEqual({ email: "owner@example.com" });
    const stored = await db().user.findUniqueOrThrow({ where: { email: "owner@example.com" } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword("correct horse battery", stored.passwordHash)).toBe(true);
    expect(lines.join()).not.toContain("correct horse battery");

    // With a user present, nothing happens.
    expect(await bootstrapAdmin(db(), {}, (line) => lines.push(line))).toBeNull();

    await db().user.deleteMany();
    lines.length = 0;
    await bootstrapAdmin(db(), {}, (line) => lines.push(line));
    const password = /the password (\S+) \(shown once/.exec(lines[0])?.[1] ?? "";
    expect(password.length).toBeGreaterThanOrEqual(24);
    const admin = await db().user.findUniqueOrThrow({ where: { email: "admin@scope-console.local" } });
    expect(await verifyPassword(password, admin.passwordHash)).toBe(true);
    expect(await verifyPassword("admin", admin.passwordHash)).toBe(false);
  });

  it("refuses a weak password, a bad email and a taken email", async () => {
    const email = `${unique("user")}@example.com`;
    await expect(createUser(db(), email, "short")).rejects.toThrow(/at least 12/);
    await expect(createUser(db(), "not-an-email", "long enough password")).rejects.toThrow(/valid email/);
    await createUser(db(), email, "long enough password");
    await expect(createUser(db(), email.toUpperCase(), "another long password")).rejects.toThrow(/already exists/);
  });
});
