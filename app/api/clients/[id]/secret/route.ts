import { handler, json } from "@/lib/api/route";
import { regenerateClientSecret } from "@/lib/clients/regenerate-client-secret";

/** Regenerates a confidential client's secret; the answer carries it this once. */
export const POST = handler<{ id: string }>(async (_request, { id }, actor) =>
  json(await regenerateClientSecret(actor, id)),
);
