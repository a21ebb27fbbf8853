import { describe, expect, it } from "vitest";
import { addedWhenRequired } from "@/lib/issuing";
import { DEMO_APIS } from "@/lib/seed/demo-data";

describe("demo data", () => {
  it("marks no OpenID Connect scope Required: openid is granted only when a request asks for it", () => {
    const required = DEMO_APIS.flatMap((api) => api.scopes).filter((scope) => "required" in scope && scope.required);
    expect(required.filter((scope) => !addedWhenRequired(scope.name))).toEqual([]);
  });
});
