import { handler, json, parseJson } from "@/lib/api/route";
import { previewToken } from "@/lib/token-preview/preview-token";
import { ZTokenPreviewRequest } from "@/lib/token-preview/schemas";

export const POST = handler(async (request, _params, actor) =>
  json(await previewToken(actor, await parseJson(request, ZTokenPreviewRequest))),
);
