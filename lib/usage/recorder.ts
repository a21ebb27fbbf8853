// Counts the tokens the server issues, per scope they carry, client and UTC day, without a
// database write per token: each process adds up in memory and, while it has counted anything,
// adds its counts to ScopeUsage every USAGE_FLUSH_MS (and when it stops) in one statement. The
// statement adds to what is stored, so that every process's counts add up; rows of a scope or a
// client deleted meanwhile are dropped. A failed flush keeps its counts for the next one.
//
// The protocol path (lib/oauth) calls it: it imports no console module (.dependency-cruiser.cjs).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ScopeCatalogue } from "@/lib/issuing";
import { utcDay } from "@/lib/usage/days";
import { USAGE_FLUSH_MS } from "@/lib/usage/settings";

interface Tally {
  scopeId: string;
  /** The client's row id (OAuthClient.id), not its client_id. */
  clientId: string;
  /** UTC, "YYYY-MM-DD". */
  day: string;
  count: number;
  /** Epoch seconds of the latest token counted here. */
  lastAt: number;
}

export interface UsageRecorderOptions {
  /** Off (USAGE_COUNTING=off): record() counts nothing. */
  enabled?: boolean;
  flushMs?: number;
}

const keyOf = (tally: Pick<Tally, "scopeId" | "clientId" | "day">) => `${tally.scopeId}|${tally.clientId}|${tally.day}`;

export class UsageRecorder {
  private pending = new Map<string, Tally>();
  private readonly enabled: boolean;
  private readonly flushMs: number;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  /** The day of the last second recorded: most tokens of a second share it, so it is worked out once. */
  private day = { second: Number.NaN, day: "" };

  constructor(
    private readonly prisma: PrismaClient,
    options: UsageRecorderOptions = {},
  ) {
    this.enabled = options.enabled ?? true;
    this.flushMs = options.flushMs ?? USAGE_FLUSH_MS;
  }

  /**
   * Counts one token issued to the client (its row id) at `now` (epoch seconds), once for each of
   * its scopes that the catalogue knows. Synchronous and in memory.
   */
  record(clientId: string, scopes: readonly string[], catalogue: ScopeCatalogue, now: number): void {
    if (!this.enabled) return;
    if (this.day.second !== now) this.day = { second: now, day: utcDay(now) };
    const { day } = this.day;
    for (const name of scopes) {
      const scope = catalogue.byName.get(name);
      if (!scope) continue;
      this.add({ scopeId: scope.id, clientId, day, count: 1, lastAt: now });
    }
    this.schedule();
  }

  /**
   * Adds everything counted so far to the database (after a flush in flight, if any). Never
   * throws: a failed flush keeps the counts for the next one.
   */
  flush(): Promise<void> {
    const run = (this.flushing ?? Promise.resolve()).then(() => this.flushOnce());
    this.flushing = run;
    void run.finally(() => {
      if (this.flushing === run) this.flushing = null;
    });
    return run;
  }

  /** Stops flushing after a last flush, so that a restart loses no counts. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  private add(tally: Tally) {
    const key = keyOf(tally);
    const current = this.pending.get(key);
    if (!current) {
      this.pending.set(key, tally);
      return;
    }
    current.count += tally.count;
    current.lastAt = Math.max(current.lastAt, tally.lastAt);
  }

  private schedule() {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.flushing) void this.flush();
    }, this.flushMs);
    this.timer.unref();
  }

  private async flushOnce(): Promise<void> {
    if (this.pending.size === 0) {
      // Nothing counted: stop until the next token.
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
      return;
    }
    const batch = [...this.pending.values()];
    this.pending = new Map();
    try {
      await this.write(batch);
    } catch (error) {
      for (const tally of batch) this.add(tally);
      console.error("Usage flush failed; the counts stay in memory until the next flush.", error);
    }
  }

  /**
   * One statement: each row joined to its scope and client (so that one deleted meanwhile drops
   * its row rather than failing them all), added to the stored count. Rows go in one order, so
   * that two processes adding to the same rows cannot deadlock.
   */
  private async write(batch: Tally[]): Promise<void> {
    const scopeIds = batch.map((tally) => tally.scopeId);
    const clientIds = batch.map((tally) => tally.clientId);
    const days = batch.map((tally) => tally.day);
    const counts = batch.map((tally) => tally.count);
    const lastAts = batch.map((tally) => tally.lastAt);
    await this.prisma.$executeRaw`
      INSERT INTO "ScopeUsage" ("scopeId", "clientId", "day", "count", "lastRequestedAt")
      SELECT i."scopeId", i."clientId", i."day"::date, i."count", to_timestamp(i."lastAt") AT TIME ZONE 'UTC'
      FROM unnest(${scopeIds}::text[], ${clientIds}::text[], ${days}::text[], ${counts}::int[],
        ${lastAts}::double precision[]) AS i("scopeId", "clientId", "day", "count", "lastAt")
      JOIN "ApiScope" s ON s."id" = i."scopeId"
      JOIN "OAuthClient" c ON c."id" = i."clientId"
      ORDER BY i."scopeId", i."clientId", i."day"
      ON CONFLICT ("scopeId", "clientId", "day") DO UPDATE SET
        "count" = "ScopeUsage"."count" + EXCLUDED."count",
        "lastRequestedAt" = GREATEST("ScopeUsage"."lastRequestedAt", EXCLUDED."lastRequestedAt")`;
  }
}
