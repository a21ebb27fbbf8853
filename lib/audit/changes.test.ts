import { describe, expect, it } from "vitest";
import { changedFields, valueText } from "@/lib/audit/changes";

describe("changedFields", () => {
  it("lists the fields an update changed, not the bookkeeping", () => {
    expect(
      changedFields(
        { name: "a", displayName: "", allowedScopes: ["x"], version: 1, updatedAt: "t1" },
        { name: "a", displayName: "A", allowedScopes: ["x", "y"], version: 2, updatedAt: "t2" },
      ),
    ).toEqual([
      { field: "displayName", before: "", after: "A" },
      { field: "allowedScopes", before: ["x"], after: ["x", "y"] },
    ]);
  });

  it("a create has every field as new; a delete every field as gone", () => {
    expect(changedFields(null, { name: "a" })).toEqual([{ field: "name", before: null, after: "a" }]);
    expect(changedFields({ name: "a" }, null)).toEqual([{ field: "name", before: "a", after: null }]);
  });

  it("shows values as short text", () => {
    expect([
      valueText(""),
      valueText(null),
      valueText([]),
      valueText(["a", "b"]),
      valueText("x"),
      valueText(60),
    ]).toEqual(["—", "—", "—", '"a", "b"', '"x"', "60"]);
  });
});
