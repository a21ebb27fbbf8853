// The console's own API (lib/accounts/console-api.ts) stays as the console needs it: shown like
// any API, its lifetimes and texts editable, but never deleted, renamed, owned by a service owner
// (whoever owned it could give a client console:write), given new scopes, or its scopes deleted,
// renamed or deprecated. Every service that could do one of those asks here.
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

export const BUILT_IN_API = "The console's own API";

/** 403: nobody may; `field` names what the request asked for (a document's path, a form's field). */
export function builtIn(what: string, field?: string) {
  const message = `${BUILT_IN_API} is built in: ${what}`;
  return new AppError("FORBIDDEN", message, field ? { [field]: [message] } : undefined, { conflict: "built-in" });
}

/** Refuses to delete the API, give it owners or new scopes when it is the built-in one. */
export async function requireNotBuiltInApi(
  tx: Pick<Prisma.TransactionClient, "api">,
  apiIds: string[],
  what: string,
  field?: string,
): Promise<void> {
  if (apiIds.length === 0) return;
  if ((await tx.api.count({ where: { id: { in: apiIds }, builtIn: true } })) > 0) throw builtIn(what, field);
}

/** Refuses to delete or deprecate scopes of the built-in API. */
export async function requireNotBuiltInScopes(
  tx: Pick<Prisma.TransactionClient, "apiScope">,
  scopeIds: string[],
  what: string,
): Promise<void> {
  if (scopeIds.length === 0) return;
  if ((await tx.apiScope.count({ where: { id: { in: scopeIds }, api: { builtIn: true } } })) > 0) throw builtIn(what);
}
