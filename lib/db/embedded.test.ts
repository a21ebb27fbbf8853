// The embedded PostgreSQL server: private to the app that runs it, one app per data directory,
// scripts beside a running app, and a start after a crash. Each test starts real servers.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeEach, expect, it } from "vitest";
import { EmbeddedDatabaseError, runningServerUrl, startEmbeddedPostgres } from "@/lib/db/embedded";
import { connectForScript, embeddedDataPath } from "@/lib/db/embedded-handle";

const TIMEOUT_MS = 60_000;
const root = path.resolve(import.meta.dirname, "../..");

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "scope-console-embedded-test-"));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

const mode = (file: string) => statSync(file).mode & 0o777;

it(
  "keeps its files and socket to its own account, listens on no TCP port and asks a password",
  async () => {
    const server = await startEmbeddedPostgres(embeddedDataPath(dataDir));
    try {
      const dir = embeddedDataPath(dataDir);
      // The app's own; as root, passable (not listable) by the server's account, which owns only data and run.
      const asRoot = process.getuid?.() === 0;
      expect(mode(dir)).toBe(asRoot ? 0o711 : 0o700);
      expect(statSync(dir).uid).toBe(process.getuid?.());
      expect(statSync(path.join(dir, "password")).uid).toBe(process.getuid?.());
      expect(mode(path.join(dir, "data"))).toBe(0o700);
      expect(mode(path.join(dir, "run"))).toBe(0o700);
      expect(mode(path.join(dir, "password"))).toBe(0o600);
      const [settings] = await query(
        server.url,
        "SELECT current_setting('listen_addresses') AS listen, current_setting('fsync') AS fsync",
      );
      expect(settings).toEqual({ listen: "", fsync: "on" });

      const withoutPassword = new URL(server.url);
      withoutPassword.password = "";
      await expect(query(withoutPassword.toString(), "SELECT 1")).rejects.toThrow(/password/);
      const wrongPassword = new URL(server.url);
      wrongPassword.password = "guessed";
      await expect(query(wrongPassword.toString(), "SELECT 1")).rejects.toThrow(/password authentication failed/);

      if (process.getuid?.() === 0) {
        // Another account of the machine can neither read the password nor reach the socket.
        const asNobody = (command: string) =>
          spawnSync("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "sh", "-c", command]);
        expect(asNobody(`cat ${path.join(dir, "password")}`).status).not.toBe(0);
        expect(asNobody(`ls ${path.join(dir, "run")}`).status).not.toBe(0);
        expect(asNobody("true").status).toBe(0);
      }
    } finally {
      await server.stop();
    }
  },
  TIMEOUT_MS,
);

it(
  "refuses a second app on the same data directory, and lets scripts use the running server",
  async () => {
    const server = await startEmbeddedPostgres(embeddedDataPath(dataDir));
    try {
      await query(server.url, "CREATE TABLE written (id int)");
      await expect(startEmbeddedPostgres(embeddedDataPath(dataDir))).rejects.toThrow(EmbeddedDatabaseError);
      // A second `npm start` stops at once with the reason, before it builds or serves anything.
      const second = spawnSync(process.execPath, ["--import", "tsx", "server.ts"], {
        cwd: root,
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", PORT: "3999" },
        encoding: "utf8",
        timeout: TIMEOUT_MS,
      });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain(`Another Scope Console (process ${process.pid}) is using the embedded database`);

      // A script connects to the running server, and its stop leaves that server running.
      const script = await connectForScript({ DATA_DIR: dataDir });
      expect(script.url).toBe(runningServerUrl(embeddedDataPath(dataDir)));
      await script.stop();
      expect(await query(server.url, "SELECT count(*)::int AS n FROM written")).toEqual([{ n: 0 }]);
    } finally {
      await server.stop();
    }
    // Once the app stopped, a script starts the server itself.
    expect(runningServerUrl(embeddedDataPath(dataDir))).toBeUndefined();
    const script = await connectForScript({ DATA_DIR: dataDir });
    try {
      expect(await query(script.url, "SELECT count(*)::int AS n FROM written")).toEqual([{ n: 0 }]);
    } finally {
      await script.stop();
    }
  },
  TIMEOUT_MS,
);

it.each([
  ["whose server still ran", false],
  ["and its server too (crash recovery)", true],
])(
  "starts after the app that held it was killed, %s",
  async (_, serverToo) => {
    // An app that takes the database, writes, and is then killed with SIGKILL (its server lives on).
    const app = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        `const { startEmbeddedPostgres } = await import("./lib/db/embedded.ts");
         const pg = (await import("pg")).default;
         const server = await startEmbeddedPostgres(${JSON.stringify(embeddedDataPath(dataDir))});
         const client = new pg.Client({ connectionString: server.url });
         await client.connect();
         await client.query("CREATE TABLE survived (id int); INSERT INTO survived VALUES (1)");
         console.log("written");
         setInterval(() => {}, 1000);`,
      ],
      { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve) =>
      app.stdout.on("data", (chunk) => String(chunk).includes("written") && resolve()),
    );
    const orphan = Number(
      execFileSync("head", ["-n", "1", path.join(embeddedDataPath(dataDir), "data", "postmaster.pid")], {
        encoding: "utf8",
      }),
    );
    app.kill("SIGKILL");
    await new Promise((resolve) => app.once("exit", resolve));
    expect(() => process.kill(orphan, 0)).not.toThrow();
    // Its former processes still hold the shared memory for a moment: the start waits for them.
    if (serverToo) process.kill(orphan, "SIGKILL");

    const server = await startEmbeddedPostgres(embeddedDataPath(dataDir));
    try {
      expect(await query(server.url, "SELECT id FROM survived")).toEqual([{ id: 1 }]);
      expect(() => process.kill(orphan, 0)).toThrow();
    } finally {
      await server.stop();
    }
  },
  TIMEOUT_MS,
);
