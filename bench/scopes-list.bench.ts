// `npm run bench:scopes [-- --count N]`: latency of the scopes list endpoint
// (GET /api/apis/{id}/scopes) with 10,000 scopes (or N) in one API, over HTTP against the
// production server, on the embedded database and on the PostgreSQL server of TEST_DATABASE_URL
// (default: the machine's local server), printed as one table.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { connectForScript } from "@/lib/db/embedded-handle";
import { scopeCountArgument } from "@/lib/seed/seed-large";
import { createTestDatabase } from "@/lib/testing/test-database";
import { consoleHeaders } from "./console-session";

const PORT = 3290;
const WARMUP = 10;
const SAMPLES = 100;
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
/** The benchmark server's first admin, who reads the scopes. */
const ADMIN = { email: "bench-admin@example.com", password: "bench password of this run only" };

/** The deep page is the last full page of DEEP_PAGE_SIZE scopes. */
const DEEP_PAGE_SIZE = 25;
const COUNT = scopeCountArgument(process.argv.slice(2), DEEP_PAGE_SIZE);
const DEEP_PAGE = Math.floor(COUNT / DEEP_PAGE_SIZE);
const MIDDLE_PAGE = Math.ceil(DEEP_PAGE / 2);
const formatted = (n: number) => n.toLocaleString("en");

const QUERIES: Record<string, string> = {
  "first page (sort by name)": "",
  [`deep page (offset ${formatted((DEEP_PAGE - 1) * DEEP_PAGE_SIZE)})`]: `page=${DEEP_PAGE}&pageSize=${DEEP_PAGE_SIZE}`,
  // The farthest from both ends: the worst page, since a page is read from the nearer end.
  [`middle page (offset ${formatted((MIDDLE_PAGE - 1) * DEEP_PAGE_SIZE)})`]: `page=${MIDDLE_PAGE}&pageSize=${DEEP_PAGE_SIZE}`,
  "search name": "q=payments_04",
  "search description": "q=tenant%2042.",
  "sort display name desc, 100 rows": "sort=-displayName&pageSize=100",
};

function runScript(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", ...args], { env, stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited ${code}`))));
  });
}

async function startServer(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn("npx", ["tsx", "server.ts"], { env, stdio: ["ignore", "ignore", "inherit"], detached: true });
  for (let attempt = 0; attempt < 240; attempt++) {
    try {
      // Ready when the console answers (401: nobody is signed in yet).
      if ((await fetch(`http://127.0.0.1:${PORT}/api/apis`)).status === 401) return child;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the server did not start");
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

async function measure(url: string, headers: Record<string, string>) {
  for (let i = 0; i < WARMUP; i++) await (await fetch(url, { headers })).arrayBuffer();
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

/** Which PostgreSQL answers at `url` (the embedded one is whatever lib/db/embedded.ts starts). */
async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>("SHOW server_version")).rows[0].server_version;
  } finally {
    await client.end();
  }
}

const load = () =>
  loadavg()
    .map((average) => average.toFixed(2))
    .join(", ");

async function benchmark(kind: string, env: Record<string, string>) {
  const fullEnv = {
    ...process.env,
    ...env,
    PORT: String(PORT),
    HOST: "127.0.0.1",
    NEXT_TELEMETRY_DISABLED: "1",
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  };
  const server = await startServer(fullEnv);
  try {
    await runScript(["scripts/seed-large.ts", "--count", String(COUNT)], fullEnv);
    const database = await connectForScript({ DATABASE_URL: env.DATABASE_URL, DATA_DIR: env.DATA_DIR ?? "" });
    const label = `${kind} (PostgreSQL ${(await serverVersion(database.url)).split(" ")[0]})`;
    const { cookie } = await consoleHeaders(`http://127.0.0.1:${PORT}`, ADMIN.email, ADMIN.password);
    const apis = await (await fetch(`http://127.0.0.1:${PORT}/api/apis?q=large`, { headers: { cookie } })).json();
    const apiId = apis.items.find((api: { name: string }) => api.name === "large").id;
    const all: number[] = [];
    const rows: string[] = [];
    for (const [name, query] of Object.entries(QUERIES)) {
      const times = await measure(`http://127.0.0.1:${PORT}/api/apis/${apiId}/scopes?${query}`, { cookie });
      all.push(...times);
      rows.push(
        `| ${label} | ${name} | ${percentile(times, 0.5).toFixed(1)} | ${percentile(times, 0.95).toFixed(1)} |`,
      );
    }
    all.sort((a, b) => a - b);
    rows.push(
      `| ${label} | **all queries** | ${percentile(all, 0.5).toFixed(1)} | ${percentile(all, 0.95).toFixed(1)} |`,
    );
    return rows;
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
}

const rows: string[] = [];
const dataDir = mkdtempSync(path.join(tmpdir(), "scope-console-bench-"));
try {
  rows.push(...(await benchmark("embedded", { DATABASE_URL: "", DATA_DIR: dataDir })));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
try {
  const database = await createTestDatabase(POSTGRES_URL);
  try {
    rows.push(...(await benchmark("PostgreSQL server", { DATABASE_URL: database.url })));
  } finally {
    await database.drop();
  }
} catch (error) {
  console.error(`Skipped the PostgreSQL server: ${(error as Error).message}`);
}

console.log(
  `\nGET /api/apis/{id}/scopes, ${formatted(COUNT)} scopes in the API, ${SAMPLES} sequential requests per query (ms); load average ${load()} (1, 5, 15 min)\n`,
);
console.log("| database | query | median | p95 |\n| --- | --- | ---: | ---: |");
console.log(rows.join("\n"));
