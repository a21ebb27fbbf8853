import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { recordAudit } from "@/lib/audit/record";
import { requireAdmin } from "@/lib/auth/permissions";
import { changeConfig } from "@/lib/config/change";
import { loadSettings } from "@/lib/config/load";
import { db } from "@/lib/db/client";
import { nextVersion, versionedUpdate } from "@/lib/db/versioned";
import { staleVersion } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SettingsDto, TUpdateSettingsRequest } from "@/lib/settings/schemas";

export async function updateSettings(actor: Actor, input: TUpdateSettingsRequest): Promise<SettingsDto> {
  requireAdmin(actor, "change the service settings");
  return changeConfig(db(), (tx) => updateSettingsIn(tx, actor, input));
}

/** updateSettings inside a transaction of the caller's (also lib/config-file's apply). */
export async function updateSettingsIn(
  tx: Prisma.TransactionClient,
  actor: Actor,
  input: TUpdateSettingsRequest,
): Promise<SettingsDto> {
  requireAdmin(actor, "change the service settings");
  const { version, ...settings } = input;
  const before = await loadSettings(tx);
  if (before.version !== version) throw staleVersion("The settings");
  const row = before.updatedAt
    ? await versionedUpdate(
        tx.serviceSettings.update({ where: { id: 1, version }, data: { ...settings, ...nextVersion } }),
        "The settings",
      )
    : await tx.serviceSettings.create({ data: { id: 1, ...settings, version: version + 1 } });
  const { id: _id, updatedAt, ...saved } = row;
  const after = { ...saved, updatedAt: updatedAt.toISOString() };
  await recordAudit(tx, actor, {
    action: "update",
    resourceType: "settings",
    resourceId: "1",
    resourceName: "Service settings",
    before,
    after,
  });
  return after;
}
