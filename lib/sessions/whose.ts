import "server-only";
import type { Actor } from "@/lib/accounts/roles";
import { AppError } from "@/lib/errors";

/** Sessions are a person's: a machine with a bearer token has none to see or end. Returns the user's id. */
export function requirePerson(actor: Actor): string {
  if (actor.kind !== "user") throw new AppError("FORBIDDEN", "Only a signed-in person has sessions.");
  return actor.id;
}
