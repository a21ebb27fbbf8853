import { listAudit } from "@/lib/audit/list-audit";
import { ZListAuditQuery } from "@/lib/audit/schemas";
import { handler, json, parseQuery } from "@/lib/http/route";

export const GET = handler(async (request, _params, actor) =>
  json(await listAudit(actor, parseQuery(request, ZListAuditQuery))),
);
