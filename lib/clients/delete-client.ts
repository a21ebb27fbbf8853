import "server-only";
import { changeConfig } from "@/lib/db/config-change";
import { notFound } from "@/lib/errors";

export async function deleteClient(id: string): Promise<void> {
  const { count } = await changeConfig((tx) => tx.oAuthClient.deleteMany({ where: { id } }));
  if (count === 0) throw notFound("The client");
}
