import { json, publicHandler } from "@/lib/api/route";
import { openApiDocument } from "@/lib/openapi/document";

/** The OpenAPI document of this API: open without a session, since it describes no data, only the routes. */
export const GET = publicHandler(async () => json(openApiDocument()));
