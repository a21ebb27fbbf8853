import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

/** Deletes the API and, by cascade, its scopes. */
export async function deleteApi(id: string): Promise<void> {
  const { count } = await db().api.deleteMany({ where: { id } });
  if (count === 0) throw notFound("The API");
}
