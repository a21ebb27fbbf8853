// Several worker processes on one port (WORKERS, node:cluster): the primary has prepared the
// database, the first admin and the build; each worker runs Next.js and the lean app over the same
// database and listens on the same port, which the primary hands connections to in turn. What the
// workers share goes through the database (docs/decisions/008-several-workers-one-database.md).
// A worker that dies is forked again after a back-off that grows while workers keep dying young.
import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import type { Env } from "@/lib/env";

/** What every worker runs: the server's entry, which serves as a worker there (start-server.ts). */
const WORKER_ENTRY = fileURLToPath(new URL("../../server.ts", import.meta.url));
/** The first wait before a dead worker is forked again. */
export const RESTART_BACKOFF_MIN_MS = 1_000;
/** The longest wait: a worker that keeps dying is retried twice a minute, not in a tight loop. */
export const RESTART_BACKOFF_MAX_MS = 30_000;
/** A worker that lived this long died of something new: the next restart waits the least again. */
export const RESTART_BACKOFF_RESET_MS = 60_000;
/** How long a worker may take to stop (close its connections, flush its counts) before it is killed. */
export const WORKER_STOP_TIMEOUT_MS = 10_000;

/** Cores the default leaves to the rest of the machine: the primary, a database or proxy beside it, the OS. */
export const CORES_LEFT_FOR_THE_REST = 1;

/**
 * The default of WORKERS (decision 008): one on the embedded database, the zero-set-up of one
 * machine whose server shares its cores; on a PostgreSQL server one per core but
 * CORES_LEFT_FOR_THE_REST, and at least one: a single worker on two cores, where a second was
 * measured to lose (README, Benchmarks).
 */
export const defaultWorkers = (embedded: boolean) =>
  embedded ? 1 : Math.max(1, availableParallelism() - CORES_LEFT_FOR_THE_REST);

/** WORKERS, or its default for the database. */
export const workersOf = (env: Pick<Env, "WORKERS" | "DATABASE_URL">): number =>
  env.WORKERS ?? defaultWorkers(!env.DATABASE_URL);

export const isWorker = () => cluster.isWorker;

export interface Workers {
  stop(): Promise<void>;
}

interface Slot {
  worker: Worker;
  startedAt: number;
  backoffMs: number;
}

/**
 * Forks `count` workers and resolves once every one listens; rejects (stopping the others) when
 * one exits before that, as when the port is taken. Afterwards a worker that exits is logged and
 * forked again. `stop` sends each SIGTERM, waits for them to exit, and forks no more.
 */
export function startWorkers(count: number): Promise<Workers> {
  cluster.setupPrimary({ exec: WORKER_ENTRY });
  const slots: Slot[] = [];
  let stopping = false;
  let ready = false;

  const fork = (index: number, backoffMs: number) => {
    const worker = cluster.fork({ WORKER_INDEX: String(index) });
    slots[index] = { worker, startedAt: Date.now(), backoffMs };
    worker.on("exit", (code, signal) => {
      if (stopping || !ready) return;
      const slot = slots[index];
      const lived = Date.now() - slot.startedAt;
      const wait = lived >= RESTART_BACKOFF_RESET_MS ? RESTART_BACKOFF_MIN_MS : slot.backoffMs;
      console.error(
        `Worker ${index + 1} (pid ${worker.process.pid}) exited (${signal ?? `code ${code}`}); starting it again in ${wait / 1000} s.`,
      );
      const timer = setTimeout(() => {
        if (stopping) return;
        const again = fork(index, Math.min(wait * 2, RESTART_BACKOFF_MAX_MS));
        again.once("listening", () => console.log(`Worker ${index + 1} (pid ${again.process.pid}) listens again.`));
      }, wait);
      timer.unref();
    });
    return worker;
  };

  const stop = async () => {
    stopping = true;
    await Promise.all(
      slots.map(({ worker }) => {
        if (worker.isDead()) return Promise.resolve();
        return new Promise<void>((resolve) => {
          const kill = setTimeout(() => worker.process.kill("SIGKILL"), WORKER_STOP_TIMEOUT_MS);
          worker.once("exit", () => {
            clearTimeout(kill);
            resolve();
          });
          worker.process.kill("SIGTERM");
        });
      }),
    );
  };

  return new Promise<Workers>((resolve, reject) => {
    let listening = 0;
    for (let index = 0; index < count; index++) {
      const worker = fork(index, RESTART_BACKOFF_MIN_MS);
      worker.once("listening", () => {
        listening++;
        if (listening === count) {
          ready = true;
          resolve({ stop });
        }
      });
      worker.once("exit", (code, signal) => {
        if (ready || stopping) return;
        void stop().then(() =>
          reject(new Error(`Worker ${index + 1} exited before it listened (${signal ?? `code ${code}`}).`)),
        );
      });
    }
  });
}
