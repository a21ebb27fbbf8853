// Every write the console acknowledged survives a crash: scopes are created under load by many
// concurrent requests, the console is killed with SIGKILL in the middle (on the embedded database
// its PostgreSQL server too, as a crash of the machine's processes would), started again, and every
// scope that was answered 201 is there. On the PostgreSQL server project the app is killed and its
// database server lives on, as in production.
import { expect, test } from "@playwright/test";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import {
  type ConsoleProcess,
  embeddedPostmasterPid,
  freePort,
  signedIn,
  startConsole,
  temporaryDataDir,
} from "./console-process";
import { uniqueName } from "./support";

/** Crashes per run, concurrent writers, and how many writes are acknowledged before each crash. */
const CRASHES = 3;
const WRITERS = 16;
const WRITES_BEFORE_CRASH = 100;

// biome-ignore lint/correctness/noEmptyPattern: Playwright sets up only the fixtures this pattern names: none.
test("[DURABILITY] scopes acknowledged before a kill -9 are all there after the restart", async ({}, testInfo) => {
  test.setTimeout(240_000);
  const onServer = testInfo.project.name.startsWith("postgres");
  const { dataDir, remove } = temporaryDataDir();
  let database: TestDatabase | undefined;
  if (onServer) database = await createTestDatabase(process.env.TEST_DATABASE_URL);
  const port = await freePort();
  const start = () => startConsole({ port, dataDir, databaseUrl: database?.url });
  let app: ConsoleProcess | undefined;
  try {
    app = await start();
    let admin = await signedIn(app.url);
    const api = await (
      await admin.post("/api/apis", { data: { name: uniqueName("durable"), displayName: "Durable" } })
    ).json();
    const acknowledged: string[] = [];
    for (let crash = 0; crash < CRASHES; crash++) {
      let writing = true;
      const statuses = new Map<number, number>();
      const writer = async () => {
        while (writing) {
          const name = uniqueName(`w${crash}`);
          const status = await admin
            .post(`/api/apis/${api.id}/scopes`, { data: { name }, timeout: 10_000 })
            .then((response) => response.status())
            .catch(() => 0);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status === 201) acknowledged.push(name);
          else if (status === 0) return; // the server is gone
        }
      };
      const writers = Array.from({ length: WRITERS }, writer);
      const before = acknowledged.length;
      // The crash comes while the writers are busy, after enough acknowledged writes to matter.
      await expect
        .poll(() => acknowledged.length - before, { timeout: 60_000 })
        .toBeGreaterThanOrEqual(WRITES_BEFORE_CRASH);
      const postmaster = onServer ? undefined : embeddedPostmasterPid(dataDir);
      await app.kill("SIGKILL");
      if (postmaster) process.kill(postmaster, "SIGKILL");
      writing = false;
      await Promise.all(writers);
      // Every write was either acknowledged or cut off by the crash (0: no answer).
      expect([...statuses.keys()].filter((status) => status !== 201 && status !== 0)).toEqual([]);
      app = await start();
      await admin.dispose();
      admin = await signedIn(app.url);
    }

    const present = new Set<string>();
    for (let page = 1; ; page++) {
      const body = await (await admin.get(`/api/apis/${api.id}/scopes?pageSize=100&page=${page}`)).json();
      for (const scope of body.items) present.add(scope.name);
      if (body.items.length < 100) break;
    }
    const lost = acknowledged.filter((name) => !present.has(name));
    console.log(`${acknowledged.length} acknowledged writes across ${CRASHES} kill -9s, ${lost.length} lost`);
    expect(lost).toEqual([]);
    await admin.dispose();
  } finally {
    await app?.kill("SIGTERM");
    await database?.drop();
    remove();
  }
});
