import { handler, json, parseJson, parseQuery } from "@/lib/api/route";
import { createClient } from "@/lib/clients/create-client";
import { listClients } from "@/lib/clients/list-clients";
import { ZCreateClientRequest, ZListClientsQuery } from "@/lib/clients/schemas";

export const GET = handler(async (request, _params, actor) =>
  json(await listClients(actor, parseQuery(request, ZListClientsQuery))),
);

export const POST = handler(async (request, _params, actor) =>
  json(await createClient(actor, await parseJson(request, ZCreateClientRequest)), 201),
);
