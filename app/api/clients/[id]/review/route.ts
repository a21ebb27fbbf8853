import { handler, json, parseQuery } from "@/lib/api/route";
import { reviewClient } from "@/lib/usage/review";
import { ZClientReviewQuery } from "@/lib/usage/schemas";

type Params = { id: string };

export const GET = handler<Params>(async (request, { id }, actor) =>
  json(await reviewClient(actor, id, parseQuery(request, ZClientReviewQuery))),
);
