import { z } from "zod";
import { handler, json, parseJson } from "@/lib/api/route";
import { bulkChangeScopes } from "@/lib/scopes/bulk-change-scopes";

type Params = { id: string };

/** Sets flags of several scopes, or deletes them, in one transaction (ZBulkScopesRequest, checked by the service after the API's authorization). */
export const POST = handler<Params>(async (request, { id }, actor) =>
  json(await bulkChangeScopes(actor, id, await parseJson(request, z.unknown()))),
);
