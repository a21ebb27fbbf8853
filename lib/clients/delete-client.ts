import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

export async function deleteClient(id: string): Promise<void> {
  const { count } = await db().oAuthClient.deleteMany({ where: { id } });
  if (count === 0) throw notFound("The client");
}
