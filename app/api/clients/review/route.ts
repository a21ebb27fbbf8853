import { handler, json, parseQuery } from "@/lib/api/route";
import { reviewClients } from "@/lib/usage/review";
import { ZClientReviewsQuery } from "@/lib/usage/schemas";

export const GET = handler(async (request, _params, actor) =>
  json(await reviewClients(actor, parseQuery(request, ZClientReviewsQuery))),
);
