// The limit on requests per client at the token endpoint, without a database round trip per
// request: client_credentials must stay a memory-only path (README, Benchmarks). Each process
// counts in memory and, while it has counted anything new, syncs every SYNC_MS in one statement
// that adds its new counts to the shared windows (lib/rate-limit/counter.ts) and reads back the
// totals of every process. A request is refused when the total at the last sync plus what this
// process counted since reaches the limit.
//
// The approximation: what another process counted since its own last sync before this one's last
// sync is unseen, so a window can pass its limit by at most what the other processes serve in two
// sync intervals (2 x SYNC_MS x their rate; e2e/multi-process.spec.ts measures it). A process reads every open window's total when it starts (load), before
// it serves a token request, so that a restart hands no client a fresh budget: it forgets none of
// its own counts when it stopped cleanly (stop syncs them), at most one interval's when it died. A
// process that counted nothing for a while skips syncing (an idle server reads nothing) and
// learns the others' totals at its next request's sync.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { addToWindows, readWindows, secondsUntil } from "@/lib/rate-limit/counter";

/**
 * Token requests a client may make per minute, over all processes, unless TOKEN_RATE_LIMIT says
 * otherwise: 100 a second. A client that caches its tokens needs a few a minute; what needs more
 * is one client serving many users (their code exchanges and refreshes), and 100 a second is
 * ~180,000 users refreshing every half hour. It keeps one client from using up the database, which
 * serves about 400 refreshes a second in all on the embedded database (README, Benchmarks).
 */
export const DEFAULT_TOKEN_REQUESTS_PER_MINUTE = 6_000;
/** The window of the per-client limit: a minute, so that a short burst of a busy client passes. */
export const CLIENT_WINDOW_SECONDS = 60;
/** How often a process adds its counts to the database and reads the others': the approximation's bound. */
export const SYNC_MS = 1_000;

interface Window {
  /** Epoch seconds when this window ends. */
  resetAt: number;
  /** Every process's count at the last sync, this process's synced counts included. */
  synced: number;
  /** Counted here and being added by the sync in flight. */
  sending: number;
  /** Counted here since. */
  pending: number;
}

export interface ClientRateLimiterOptions {
  /** Requests per client per window. */
  limit: number;
  windowSeconds?: number;
  syncMs?: number;
  /** Epoch seconds. */
  now: () => number;
  /** Prefix of the keys in the database, which other limits share. */
  keyPrefix?: string;
}

export class ClientRateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly limit: number;
  private readonly windowSeconds: number;
  private readonly syncMs: number;
  private readonly now: () => number;
  private readonly keyPrefix: string;
  private timer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    options: ClientRateLimiterOptions,
  ) {
    this.limit = options.limit;
    this.windowSeconds = options.windowSeconds ?? CLIENT_WINDOW_SECONDS;
    this.syncMs = options.syncMs ?? SYNC_MS;
    this.now = options.now;
    this.keyPrefix = options.keyPrefix ?? "token:";
  }

  /**
   * Reads the totals of every client's open window, in one statement: what a process must know
   * before its first request, or a client at its limit would get a fresh budget after a restart.
   * Windows counted here meanwhile keep their own counts.
   */
  async load(): Promise<void> {
    const now = this.now();
    for (const total of await readWindows(this.prisma, this.keyPrefix, now)) {
      const clientId = total.key.slice(this.keyPrefix.length);
      if (this.windows.has(clientId)) continue;
      this.windows.set(clientId, { resetAt: total.resetAt, synced: total.count, sending: 0, pending: 0 });
    }
  }

  /**
   * Counts one request of the client, or refuses it with the seconds until its window ends.
   * Synchronous and in memory: the database hears of it at the next sync.
   */
  take(clientId: string): { retryAfter: number } | null {
    const now = this.now();
    let window = this.windows.get(clientId);
    if (!window || window.resetAt <= now) {
      window = { resetAt: now + this.windowSeconds, synced: 0, sending: 0, pending: 0 };
      this.windows.set(clientId, window);
    }
    if (window.synced + window.sending + window.pending >= this.limit) {
      return { retryAfter: secondsUntil(window.resetAt, now) };
    }
    window.pending++;
    this.scheduleSync();
    return null;
  }

  /**
   * Adds what this process counted to the shared windows and reads back every process's totals,
   * in one statement. Does nothing when nothing new was counted. A failed sync keeps the counts
   * for the next one; it never throws.
   */
  sync(): Promise<void> {
    this.syncing ??= this.syncOnce().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  /** Stops syncing after a last sync, so that a restart loses no counts. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sync();
  }

  private scheduleSync() {
    if (this.timer) return;
    this.timer = setInterval(() => void this.sync(), this.syncMs);
    this.timer.unref();
  }

  private async syncOnce(): Promise<void> {
    const now = this.now();
    const sent = new Map<string, Window>();
    for (const [clientId, window] of this.windows) {
      if (window.resetAt <= now) {
        this.windows.delete(clientId);
        continue;
      }
      window.sending = window.pending;
      window.pending = 0;
      sent.set(clientId, window);
    }
    if (![...sent.values()].some((window) => window.sending > 0)) {
      // Nothing new: stop until the next request counts something.
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
      return;
    }
    try {
      const totals = await addToWindows(
        this.prisma,
        [...sent].map(([clientId, window]) => ({
          key: this.keyPrefix + clientId,
          amount: window.sending,
          windowSeconds: this.windowSeconds,
        })),
        now,
      );
      for (const window of sent.values()) window.sending = 0;
      for (const total of totals) {
        const clientId = total.key.slice(this.keyPrefix.length);
        const window = sent.get(clientId);
        // A window that ended and started again here meanwhile keeps its own counts.
        if (window && this.windows.get(clientId) === window) {
          window.synced = total.count;
          window.resetAt = total.resetAt;
        }
      }
    } catch (error) {
      for (const window of sent.values()) {
        window.pending += window.sending;
        window.sending = 0;
      }
      console.error("Rate limit sync failed; the counts stay in memory until the next sync.", error);
    }
  }
}
