// Races, as two admins or a script hitting the console at the same moment make them: the same
// requests fired concurrently, many times, on the real database. No answer is a 5xx, and the
// invariant holds after every round: an enabled admin remains; nothing of a deleted API remains.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as apiRoute from "@/app/api/apis/[id]/route";
import * as scopesRoute from "@/app/api/apis/[id]/scopes/route";
import * as userRoute from "@/app/api/users/[id]/route";
import * as usersRoute from "@/app/api/users/route";
import { db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { call, unique } from "./call";
import { createApi } from "./factories";
import { signedIn, TEST_PASSWORD, type TestUser } from "./sessions";

const DATABASE = inject("embedded") ? "embedded" : "postgres";
/** Rounds of each race: the admin race was seen to lose 1 round in 3 before it was fixed. */
const ROUNDS = 30;
/** Requests that create something in the API, sent while it is deleted. */
const CREATES_PER_ROUND = 4;
const RACE_TIMEOUT_MS = 180_000;

let ownDatabase: TestDatabase | null = null;

beforeAll(async () => {
  // The admin race needs a database whose only admins are the two who race: every other test file
  // signs in an admin of its own. A database of this file's own, on either kind of server.
  ownDatabase = await createTestDatabase(DATABASE === "postgres" ? inject("databaseUrl") : undefined);
  process.env.DATABASE_URL = ownDatabase.url;
}, 120_000);

afterAll(async () => {
  await db().$disconnect();
  await ownDatabase?.drop();
});

const enabledAdmins = () => db().user.count({ where: { role: "admin", disabledAt: null } });

/** Two signed-in admins, the only enabled admins of the database. */
async function twoLastAdmins(): Promise<[TestUser, TestUser]> {
  await db().user.updateMany({ where: { role: "admin" }, data: { role: "user" } });
  const admins: [TestUser, TestUser] = [await signedIn("admin"), await signedIn("admin")];
  expect(await enabledAdmins()).toBe(2);
  return admins;
}

/** The answer, after checking that its status is one of `statuses` (and so never a 5xx). */
async function expectOneOf<T extends { status: number; json: unknown }>(statuses: number[], answer: Promise<T>) {
  const { status, json } = await answer;
  expect(statuses, JSON.stringify(json)).toContain(status);
  return answer;
}

const patchUser = (actor: TestUser, target: TestUser, body: Record<string, unknown>) =>
  call(userRoute.PATCH, "PATCH", `/api/users/${target.id}`, {
    params: { id: target.id },
    body: { ...body, version: 1 },
    as: actor,
  });

/** What each admin does to the other. */
const MOVES: Record<string, [Record<string, unknown>, Record<string, unknown>]> = {
  "demote each other": [{ role: "user" }, { role: "owner" }],
  "disable each other": [{ disabled: true }, { disabled: true }],
  "one demotes, the other disables": [{ role: "user" }, { disabled: true }],
};

describe("races", () => {
  for (const [name, [first, second]] of Object.entries(MOVES)) {
    it(
      `two last admins who ${name} at the same moment leave an enabled admin, ${ROUNDS} times`,
      async () => {
        const statuses = new Map<number, number>();
        for (let round = 0; round < ROUNDS; round++) {
          const [a, b] = await twoLastAdmins();
          const answers = await Promise.all([patchUser(a, b, first), patchUser(b, a, second)]);
          for (const { status } of answers) statuses.set(status, (statuses.get(status) ?? 0) + 1);
          // 200: done; 409: it would leave no admin; 403: the other's change came first and took
          // this admin's role or account away before the request was read.
          for (const answer of answers) expect([200, 403, 409], JSON.stringify(answer.json)).toContain(answer.status);
          expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
          expect(await enabledAdmins(), `round ${round}`).toBe(1);
        }
        console.log(`${DATABASE} ${name}:`, Object.fromEntries(statuses));
      },
      RACE_TIMEOUT_MS,
    );
  }

  it(
    `creating scopes and owners in an API while it is deleted never answers 5xx and leaves nothing of it, ${ROUNDS} times`,
    async () => {
      const admin = await signedIn("admin");
      const statuses = new Map<number, number>();
      const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
      for (let round = 0; round < ROUNDS; round++) {
        const api = await createApi({ name: unique("doomed") }, { as: admin });
        const owner = await signedIn("owner");
        const emails = Array.from({ length: CREATES_PER_ROUND }, () => `${unique("owner")}@example.com`);
        // Each with the answers that it gets before the delete, after it, or in the middle of it.
        const creates = emails.flatMap((email, index) => [
          expectOneOf(
            [201, 404, 409],
            call(scopesRoute.POST, "POST", `/api/apis/${api.id}/scopes`, {
              params: { id: api.id },
              body: { name: unique(`doomed_${index}`) },
              as: admin,
            }),
          ),
          // After the delete the API in the body does not exist: 400 with the field's error.
          expectOneOf(
            [201, 400, 409],
            call(usersRoute.POST, "POST", "/api/users", {
              body: { email, password: TEST_PASSWORD, role: "owner", apiIds: [api.id] },
              as: admin,
            }),
          ),
        ]);
        const assign = expectOneOf(
          [200, 400, 409],
          call(userRoute.PATCH, "PATCH", `/api/users/${owner.id}`, {
            params: { id: owner.id },
            body: { apiIds: [api.id], version: 1 },
            as: admin,
          }),
        );
        const deleted = expectOneOf(
          [204],
          call(apiRoute.DELETE, "DELETE", `/api/apis/${api.id}`, { params: { id: api.id }, as: admin }),
        );
        // The delete goes out in the middle of the creates.
        const answers = await Promise.all([...creates.slice(0, 4), deleted, ...creates.slice(4), assign]);
        for (const answer of answers) count(answer.status);
        // Nothing of the API remains: no scope, no owner's assignment; a refused user was not created.
        expect(await db().api.count({ where: { id: api.id } })).toBe(0);
        expect(await db().apiScope.count({ where: { apiId: api.id } })).toBe(0);
        expect(await db().apiOwner.count({ where: { apiId: api.id } })).toBe(0);
        const users = await Promise.all(creates.filter((_, index) => index % 2 === 1));
        for (const [index, answer] of users.entries()) {
          const exists = await db().user.count({ where: { email: emails[index] } });
          expect(exists, `${emails[index]}: ${answer.status}`).toBe(answer.status === 201 ? 1 : 0);
        }
      }
      console.log(`${DATABASE} create while deleting:`, Object.fromEntries(statuses));
    },
    RACE_TIMEOUT_MS,
  );
});
