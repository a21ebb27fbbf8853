import { handler, json, parseJson } from "@/lib/http/route";
import { previewToken } from "@/lib/token-preview/preview-token";
import { ZTokenPreviewRequest } from "@/lib/token-preview/schemas";

export const POST = handler(async (request) =>
  json(await previewToken(await parseJson(request, ZTokenPreviewRequest))),
);
