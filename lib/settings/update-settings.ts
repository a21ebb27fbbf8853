import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { recordAudit } from "@/lib/audit/record";
import { requireAdmin } from "@/lib/auth/permissions";
import { changeConfig } from "@/lib/config/change";
import { loadSettings } from "@/lib/config/load";
import { db } from "@/lib/db/client";
import { nextVersion, versionedUpdate } from "@/lib/db/versioned";
import { staleVersion } from "@/lib/errors";
import type { SettingsDto, TUpdateSettingsRequest } from "@/lib/settings/schemas";

export async function updateSettings(actor: Actor, input: TUpdateSettingsRequest): Promise<SettingsDto> {
  requireAdmin(actor, "change the service settings");
  const { version, ...settings } = input;
  return changeConfig(db(), async (tx) => {
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
  });
}
