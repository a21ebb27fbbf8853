import "server-only";
import { sessionCookie } from "@/lib/accounts/cookies";
import type { Actor } from "@/lib/accounts/roles";
import { endSessions } from "@/lib/accounts/sessions";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { issuerOf, loadEnv } from "@/lib/env";
import { notFound } from "@/lib/errors";
import { requirePerson } from "@/lib/sessions/whose";

/**
 * Ends one of the actor's own sessions by its public id, by the one rule of endSessions (its
 * grants without offline_access are revoked), audited in the same transaction. Another person's
 * session, or none, is 404: whether it exists is not told. Ending the current one also answers
 * the Set-Cookie header that clears this browser's cookie.
 */
export async function endOwnSession(
  actor: Actor,
  publicId: string,
  now: number,
): Promise<{ setCookie: string | null }> {
  const userId = requirePerson(actor);
  const session = await db().session.findFirst({
    where: { publicId, userId },
    select: { id: true, device: true },
  });
  if (!session) throw notFound("The session");
  const ended = await endSessions(db(), { id: session.id, userId }, now, (tx) =>
    recordAudit(tx, actor, {
      action: "delete",
      resourceType: "session",
      resourceId: publicId,
      resourceName: `${actor.email} (${session.device || "Unknown device"})`,
      before: { id: publicId, device: session.device },
    }),
  );
  if (ended.length === 0) throw notFound("The session");
  return { setCookie: session.id === actor.sessionId ? sessionCookie("", 0, issuerOf(loadEnv())) : null };
}
