import "server-only";
import { changeConfig } from "@/lib/db/config-change";
import { notFound } from "@/lib/errors";

export async function deleteScope(apiId: string, scopeId: string): Promise<void> {
  const { count } = await changeConfig((tx) => tx.apiScope.deleteMany({ where: { id: scopeId, apiId } }));
  if (count === 0) throw notFound("The scope");
}
