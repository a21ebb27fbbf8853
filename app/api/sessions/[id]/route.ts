import { handler } from "@/lib/api/route";
import { endOwnSession } from "@/lib/sessions/end-own-session";
import { systemClock } from "@/lib/time/epoch";

type Params = { id: string };

/** Ends one of the signed-in person's own sessions; 404 for anyone else's. */
export const DELETE = handler<Params>(async (_request, { id }, actor) => {
  const { setCookie } = await endOwnSession(actor, id, systemClock());
  const response = new Response(null, { status: 204 });
  if (setCookie) response.headers.append("set-cookie", setCookie);
  return response;
});
