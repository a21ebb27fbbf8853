// A Scope Console of a test's own, as `npm start` runs it (one Node process: `node --import tsx
// server.ts`, so that a signal reaches the app itself), for the specs that kill, restart or
// multiply servers. It needs the production build that `npm test` makes before the end-to-end tests.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { request as playwrightRequest } from "@playwright/test";
import { E2E_USER } from "./user";

/** Starting a console (database, Next.js) takes seconds; on a loaded machine, more. */
const START_TIMEOUT_MS = 90_000;

export interface ConsoleProcess {
  url: string;
  pid: number;
  /** What it printed so far, stdout and stderr. */
  output(): string;
  /** Ends the process with `signal` and waits for it to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export interface ConsoleOptions {
  port: number;
  /** DATABASE_URL of a PostgreSQL server, or unset for the embedded database of `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  env?: Record<string, string>;
}

export function startConsole({ port, databaseUrl, dataDir, env = {} }: ConsoleOptions): Promise<ConsoleProcess> {
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      ISSUER: url,
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl ?? "",
      ADMIN_EMAIL: E2E_USER.email,
      ADMIN_PASSWORD: E2E_USER.password,
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The console did not start in time:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes("Scope Console is ready at")) {
        clearTimeout(timer);
        resolve({
          url,
          pid: child.pid as number,
          output: () => output,
          async kill(signal) {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            await exited;
          },
        });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The console exited (${code}) before it was ready:\n${output}`));
    });
  });
}

/** A temporary DATA_DIR, removed by the returned function. */
export function temporaryDataDir(): { dataDir: string; remove(): void } {
  const dataDir = mkdtempSync(path.join(tmpdir(), "scope-console-process-"));
  return { dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** The embedded PostgreSQL server's process of `dataDir` (from its postmaster.pid). */
export function embeddedPostmasterPid(dataDir: string): number {
  return Number.parseInt(readFileSync(path.join(dataDir, "postgres", "data", "postmaster.pid"), "utf8"), 10);
}

/** A request context signed in to `url` as the test servers' admin. */
export async function signedIn(url: string) {
  const context = await playwrightRequest.newContext({ baseURL: url, extraHTTPHeaders: { origin: url } });
  const response = await context.post("/api/session", { data: E2E_USER });
  if (!response.ok()) throw new Error(`Sign-in failed: ${response.status()} ${await response.text()}`);
  return context;
}

/** A port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
