import { handler, json } from "@/lib/api/route";
import { listOwnSessions } from "@/lib/sessions/list-sessions";
import { systemClock } from "@/lib/time/epoch";

/** The signed-in person's own sessions. */
export const GET = handler(async (_request, _params, actor) => json(await listOwnSessions(actor, systemClock())));
