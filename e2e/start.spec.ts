// What `npm start` prints last, after the build's output: where to sign in and, on the first
// start, the first admin's generated password (which signs in). A restart prints no password.
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { type ConsoleProcess, freePort, startConsole, temporaryDataDir } from "./console-process";

const PASSWORD_LINE = /Created the first user (\S+) with the password (\S+) \(shown once/;

// biome-ignore lint/correctness/noEmptyPattern: Playwright sets up only the fixtures this pattern names: none.
test("[START] npm start ends with where to sign in and the first admin's password, which signs in", async ({}, testInfo) => {
  test.setTimeout(180_000);
  const { dataDir, remove } = temporaryDataDir();
  let database: TestDatabase | undefined;
  if (testInfo.project.name.startsWith("postgres")) database = await createTestDatabase(process.env.TEST_DATABASE_URL);
  const port = await freePort();
  // No ADMIN_PASSWORD: the first start generates one.
  const start = () => startConsole({ port, dataDir, databaseUrl: database?.url, env: { ADMIN_PASSWORD: "" } });
  let app: ConsoleProcess | undefined;
  try {
    app = await start();
    const running = app;
    await expect.poll(() => running.output()).toMatch(/Sign in at \S+\/sign-in\n/);
    const lines = app.output().trimEnd().split("\n");
    const ready = lines.findIndex((line) => line.startsWith("Scope Console is ready at"));
    expect(lines.slice(ready)).toEqual([
      expect.stringMatching(/^Scope Console is ready at /),
      `Sign in at http://localhost:${port}/sign-in`,
      expect.stringMatching(PASSWORD_LINE),
    ]);
    const [, email, password] = PASSWORD_LINE.exec(lines[ready + 2]) ?? [];
    const session = await playwrightRequest.newContext({ baseURL: app.url, extraHTTPHeaders: { origin: app.url } });
    expect((await session.post("/api/session", { data: { email, password } })).status()).toBe(200);
    await session.dispose();

    await app.kill("SIGTERM");
    app = await start();
    const restarted = app;
    await expect.poll(() => restarted.output()).toMatch(/Sign in at \S+\/sign-in\n/);
    expect(app.output()).not.toMatch(PASSWORD_LINE);
  } finally {
    await app?.kill("SIGTERM");
    await database?.drop();
    remove();
  }
});
