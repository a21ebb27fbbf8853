// Refresh token rotations sent to the database together: the rotations that arrive while earlier
// ones are in flight go in one statement, one commit, one fsync. This is PostgreSQL's own group
// commit moved up into the app, where it also saves a round trip, a transaction and a wake-up
// per refresh: the database is a refresh's cost (docs/architecture.md, The database). Every
// rotation is still committed before its response is sent, and an idle server sends a lone
// rotation at once: batches form only under load.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { type Rotation, rotateRefreshToken, rotateRefreshTokens } from "@/lib/oauth/grant-store";
import { newOpaqueToken } from "@/lib/secrets/random";

/**
 * Batches in flight at once. Two keep the database busy (one commits while the next is sent) and
 * leave the requests that arrive meanwhile to gather into the following one.
 */
export const ROTATION_BATCHES_IN_FLIGHT = 2;
/** The most rotations in one statement. */
export const ROTATION_BATCH_MAX = 64;

/** A rotation asked for: the presented token's hash, the successor's value and hash, its expiry. */
interface Pending extends Rotation {
  /** The successor's value, stored as its hash (Rotation.nextHash). */
  nextValue: string;
  resolve: (successor: string | null) => void;
  reject: (error: unknown) => void;
}

export class RefreshRotations {
  private queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly batchesInFlight = ROTATION_BATCHES_IN_FLIGHT,
    private readonly batchMax = ROTATION_BATCH_MAX,
  ) {}

  /**
   * Marks the unused, unexpired refresh token `hash` (of a valid grant and user) rotated at `now`
   * and stores its successor, expiring at `next.expiresAt`: the successor's value, or null when
   * nothing was rotated (used, expired, revoked, user disabled, or a parallel request won).
   */
  rotate(hash: string, now: number, next: { expiresAt: number }): Promise<string | null> {
    return new Promise((resolve, reject) => {
      const { value, hash: nextHash } = newOpaqueToken();
      this.queue.push({ hash, nextHash, nextValue: value, now, expiresAt: next.expiresAt, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Sends the queue after the requests read in this turn of the event loop have joined it, when a
   * batch may go; otherwise the batch that ends first sends it.
   */
  private schedule() {
    if (this.scheduled || this.inFlight >= this.batchesInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.send();
    });
  }

  private send() {
    if (this.inFlight >= this.batchesInFlight || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.batchMax);
    this.inFlight++;
    this.run(batch).finally(() => {
      this.inFlight--;
      this.schedule();
    });
  }

  private async run(batch: Pending[]) {
    try {
      const stored = await rotateRefreshTokens(this.prisma, batch);
      for (const pending of batch) pending.resolve(stored.has(pending.nextHash) ? pending.nextValue : null);
    } catch {
      // The statement rolled back whole (a deadlock between two batches that share tokens, a lost
      // connection): each rotation goes on its own, and fails on its own if it must.
      await Promise.all(
        batch.map((pending) =>
          rotateRefreshToken(this.prisma, pending.hash, pending.now, pending).then(
            (rotated) => pending.resolve(rotated?.refreshToken ?? null),
            pending.reject,
          ),
        ),
      );
    }
  }
}
