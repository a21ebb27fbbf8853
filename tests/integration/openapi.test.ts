// GET /api/openapi.json: open without a session (it describes routes, never data), as JSON. What
// the document says is checked in lib/openapi/document.test.ts.
import { describe, expect, it } from "vitest";
import * as openApiRoute from "@/app/api/openapi.json/route";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { call } from "./call";

describe("GET /api/openapi.json", () => {
  it("answers the document without a session", async () => {
    const response = await call(openApiRoute.GET, "GET", "/api/openapi.json", { as: null });
    expect(response.status).toBe(200);
    expect(response.contentType).toBe("application/json");
    expect(response.json).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });
});
