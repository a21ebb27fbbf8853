import { handler, json } from "@/lib/api/route";
import { listDeprecations } from "@/lib/usage/list-deprecations";

export const GET = handler(async (_request, _params, actor) => json(await listDeprecations(actor)));
