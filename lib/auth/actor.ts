// The console's gate: who sent this request, and may they use the console at all. Every route
// handler calls it (lib/api/route.ts); what each role may do is decided in lib/auth/permissions.ts.
import { type Actor, CONSOLE_ROLES } from "@/lib/accounts/roles";
import { readSession, readSessionValue, type SignedInSession } from "@/lib/accounts/sessions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { systemClock } from "@/lib/time/epoch";

export const NO_CONSOLE_ACCESS = "This account can only sign in to applications; it has no access to the console.";

function toActor(session: SignedInSession | null): Actor {
  if (!session) throw new AppError("UNAUTHORIZED", "Sign in to use the console.");
  if (!CONSOLE_ROLES.has(session.role)) throw new AppError("FORBIDDEN", NO_CONSOLE_ACCESS);
  return {
    id: session.userId,
    email: session.email,
    role: session.role,
    apiIds: session.apiIds,
    sessionId: session.id,
  };
}

/** The signed-in console user of an API request: 401 without a session, 403 for a `user`. */
export async function requireActor(request: Request): Promise<Actor> {
  return toActor(await readSession(db(), request, systemClock()));
}

/** The same for a page, from its cookie value; null when nobody is signed in. */
export async function pageSession(cookie: string | undefined): Promise<SignedInSession | null> {
  return readSessionValue(db(), cookie, systemClock());
}
