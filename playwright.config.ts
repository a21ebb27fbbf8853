import { defineConfig, devices } from "@playwright/test";
import { adminStorageState, E2E_USER } from "./e2e/user";

/**
 * Ports of the servers the end-to-end tests start (embedded database, PostgreSQL server); set
 * E2E_EMBEDDED_PORT / E2E_POSTGRES_PORT to run two checkouts' suites side by side.
 */
const EMBEDDED_PORT = Number(process.env.E2E_EMBEDDED_PORT ?? 3201);
const POSTGRES_PORT = Number(process.env.E2E_POSTGRES_PORT ?? 3202);
const withPostgres = Boolean(process.env.TEST_DATABASE_URL);

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

const server = (port: number, args: string) => ({
  command: `npx tsx scripts/serve-test.ts ${args}`,
  url: `http://127.0.0.1:${port}/api/apis`,
  env: {
    PORT: String(port),
    HOST: "127.0.0.1",
    ISSUER: `http://127.0.0.1:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    // One process each, whatever the machine's cores: e2e/multi-process.spec.ts starts workers.
    WORKERS: "1",
    // The first user of each test server: the tests sign in as it.
    ADMIN_EMAIL: E2E_USER.email,
    ADMIN_PASSWORD: E2E_USER.password,
  },
  reuseExistingServer: false,
  timeout: 240_000,
  // Stopped as Ctrl-C would (Playwright's default is SIGKILL): the server stops its embedded
  // PostgreSQL and removes its data, instead of leaving one running per test run.
  gracefulShutdown: { signal: "SIGTERM" as const, timeout: 15_000 },
  stdout: "ignore" as const,
  stderr: "pipe" as const,
});

/**
 * The server of a project. Its own Origin goes with every request, as a browser sends it with
 * every change: the `request` fixture that sets up data would otherwise be refused as cross-site.
 */
const site = (port: number) => ({
  baseURL: `http://127.0.0.1:${port}`,
  extraHTTPHeaders: { origin: `http://127.0.0.1:${port}` },
});

/**
 * Each server's tests run signed in as the admin: a setup project signs in through the sign-in
 * page once and saves the session (e2e/auth.setup.ts); specs about signing in start signed out.
 */
const project = (name: string, port: number) => [
  { name: `${name} setup`, testMatch: /auth\.setup\.ts/, use: { ...chromium, ...site(port) } },
  {
    name,
    dependencies: [`${name} setup`],
    use: { ...chromium, ...site(port), storageState: adminStorageState(name) },
  },
];

export default defineConfig({
  testDir: "e2e",
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: ".test-results/playwright.json" }]],
  use: { trace: "retain-on-failure", screenshot: "only-on-failure" },
  projects: [...project("embedded", EMBEDDED_PORT), ...(withPostgres ? project("postgres", POSTGRES_PORT) : [])],
  webServer: [server(EMBEDDED_PORT, ""), ...(withPostgres ? [server(POSTGRES_PORT, "--postgres")] : [])],
});
