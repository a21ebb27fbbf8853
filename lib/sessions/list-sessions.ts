import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { db } from "@/lib/db/client";
import type { SessionDto } from "@/lib/sessions/schemas";
import { requirePerson } from "@/lib/sessions/whose";
import { dateOf } from "@/lib/time/epoch";

/** The actor's own sessions that have not expired, this one first, with the applications each one authorized. */
export async function listOwnSessions(actor: Actor, now: number): Promise<SessionDto[]> {
  const userId = requirePerson(actor);
  const prisma = db();
  const sessions = await prisma.session.findMany({
    where: { userId, expiresAt: { gt: dateOf(now) } },
    orderBy: [{ lastUsedAt: "desc" }, { createdAt: "desc" }],
    select: { id: true, publicId: true, device: true, authTime: true, lastUsedAt: true, expiresAt: true },
  });
  const grants = await prisma.grant.findMany({
    where: { userId, sid: { in: sessions.map((session) => session.publicId) }, revokedAt: null },
    select: { sid: true, clientId: true },
  });
  const clients = await prisma.oAuthClient.findMany({
    where: { clientId: { in: [...new Set(grants.map((grant) => grant.clientId))] } },
    select: { clientId: true, name: true },
  });
  const nameOf = new Map(clients.map((client) => [client.clientId, client.name]));
  const listed = sessions.map((session) => {
    const clientIds = new Set(grants.filter((grant) => grant.sid === session.publicId).map((grant) => grant.clientId));
    return {
      id: session.publicId,
      device: session.device || "Unknown device",
      current: session.id === actor.sessionId,
      signedInAt: session.authTime.toISOString(),
      lastUsedAt: session.lastUsedAt.toISOString(),
      expiresAt: session.expiresAt.toISOString(),
      applications: [...clientIds]
        // A deleted client's grants are deleted with it; one deleted meanwhile is left out.
        .flatMap((clientId) => (nameOf.has(clientId) ? [{ clientId, name: nameOf.get(clientId) ?? "" }] : []))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  });
  // This browser first, then the others by their last use (the order they were read in).
  return [...listed.filter((session) => session.current), ...listed.filter((session) => !session.current)];
}
