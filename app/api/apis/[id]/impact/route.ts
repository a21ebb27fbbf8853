import { handler, json } from "@/lib/api/route";
import { getApiImpact } from "@/lib/scopes/get-impact";

type Params = { id: string };

export const GET = handler<Params>(async (_request, { id }, actor) => json(await getApiImpact(actor, id)));
