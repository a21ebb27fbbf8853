import { handler, json, parseQuery } from "@/lib/api/route";
import { listAudit } from "@/lib/audit/list-audit";
import { ZListAuditQuery } from "@/lib/audit/schemas";

export const GET = handler(async (request, _params, actor) =>
  json(await listAudit(actor, parseQuery(request, ZListAuditQuery))),
);
