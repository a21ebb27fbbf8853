// The sunset sweep: a deprecated scope whose sunset has passed is stored as retired (version
// bumped, audited as the system), also when the server was down at that moment. It runs once when
// the server starts, before it listens, and then every SUNSET_SWEEP_INTERVAL_MS. Between sweeps the
// issuing module already treats such a scope as retired (lifecycleAt), so no token carries it.
// No "server-only" here: the server's start (lib/server/start-server.ts) runs it outside Next.js.
import { recordAudit, SYSTEM_ACTOR } from "@/lib/audit/record";
import { changeConfig } from "@/lib/config/change";
import { repeatEvery } from "@/lib/db/housekeeping";
import { nextVersion } from "@/lib/db/versioned";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { scopeSelect, toScopeDto } from "@/lib/scopes/scope-dto";
import { type Clock, dateOf } from "@/lib/time/epoch";

/** A sunset is acted on within a minute; tokens never wait for it (see above). */
export const SUNSET_SWEEP_INTERVAL_MS = 60 * 1000;

type Db = Pick<PrismaClient, "apiScope" | "$transaction">;

/**
 * The deprecated scopes whose sunset has passed at `now` (epoch seconds): sunsetAt before the next
 * second, as sunsetHasPassed counts whole seconds.
 */
const pastSunset = (now: number) => ({ lifecycle: "deprecated", sunsetAt: { lt: dateOf(now + 1) } });

/** Retires every deprecated scope whose sunset has passed; returns their names. */
export async function retireSunsetScopes(prisma: Db, now: number): Promise<string[]> {
  // Most minutes there is nothing to do: no transaction, and no configuration reload anywhere.
  const due = await prisma.apiScope.findMany({ where: pastSunset(now), select: { id: true } });
  if (due.length === 0) return [];
  return changeConfig(prisma, async (tx) => {
    const retired: string[] = [];
    for (const { id } of due) {
      const row = await tx.apiScope.findUnique({ where: { id }, select: scopeSelect });
      // Another process's sweep, or an admin, got there first.
      const claimed = await tx.apiScope.updateMany({
        where: { id, ...pastSunset(now) },
        data: { lifecycle: "retired", ...nextVersion },
      });
      if (!row || claimed.count === 0) continue;
      const after = toScopeDto(await tx.apiScope.findUniqueOrThrow({ where: { id }, select: scopeSelect }));
      await recordAudit(tx, SYSTEM_ACTOR, {
        action: "update",
        resourceType: "scope",
        resourceId: id,
        resourceName: after.name,
        before: toScopeDto(row),
        after,
      });
      retired.push(after.name);
    }
    return retired;
  });
}

/** What the server's start runs: the sweep once (awaited), then on a timer; returns its stop. */
export async function startSunsetSweep(prisma: Db, now: Clock): Promise<() => void> {
  const retired = await retireSunsetScopes(prisma, now());
  if (retired.length > 0) console.log(`Retired at their sunset: ${retired.join(", ")}.`);
  return repeatEvery(
    SUNSET_SWEEP_INTERVAL_MS,
    () => retireSunsetScopes(prisma, now()),
    "Retiring scopes at their sunset failed.",
  );
}
