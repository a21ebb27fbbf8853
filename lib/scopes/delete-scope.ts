import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

export async function deleteScope(apiId: string, scopeId: string): Promise<void> {
  const { count } = await db().apiScope.deleteMany({ where: { id: scopeId, apiId } });
  if (count === 0) throw notFound("The scope");
}
