import "server-only";
import { changeConfig } from "@/lib/db/config-change";
import { notFound } from "@/lib/errors";

/** Deletes the API and, by cascade, its scopes. */
export async function deleteApi(id: string): Promise<void> {
  const { count } = await changeConfig((tx) => tx.api.deleteMany({ where: { id } }));
  if (count === 0) throw notFound("The API");
}
