import { describe, expect, it } from "vitest";
import type { DeprecatedScope } from "@/lib/issuing";
import { deprecationHeaders } from "./deprecation-headers";

const deprecated = (overrides: Partial<DeprecatedScope>): DeprecatedScope => ({
  name: "reports",
  deprecatedAt: 1_688_169_599,
  sunsetAt: 1_798_761_600,
  note: "",
  replacedBy: null,
  replacementLabel: null,
  replacementDocumentationUrl: null,
  ...overrides,
});

describe("deprecationHeaders", () => {
  it("nothing deprecated: no headers", () => {
    expect(deprecationHeaders([])).toEqual({});
  });

  it("one scope: an sf-date, an HTTP-date and the replacement's documentation", () => {
    expect(
      deprecationHeaders([deprecated({ replacementDocumentationUrl: "https://docs.example/reports-v2" })]),
    ).toEqual({
      deprecation: "@1688169599",
      sunset: "Fri, 01 Jan 2027 00:00:00 GMT",
      link: '<https://docs.example/reports-v2>; rel="deprecation"; type="text/html"',
    });
  });

  it("several scopes: the earliest dates and each distinct link once", () => {
    const headers = deprecationHeaders([
      deprecated({ deprecatedAt: 2_000, sunsetAt: 9_000, replacementDocumentationUrl: "https://a.example/" }),
      deprecated({ deprecatedAt: 1_000, sunsetAt: 9_500, replacementDocumentationUrl: "https://b.example/" }),
      deprecated({ deprecatedAt: null, sunsetAt: 8_000, replacementDocumentationUrl: "https://a.example/" }),
    ]);
    expect(headers).toEqual({
      deprecation: "@1000",
      sunset: "Thu, 01 Jan 1970 02:13:20 GMT",
      link: '<https://a.example/>; rel="deprecation"; type="text/html", <https://b.example/>; rel="deprecation"; type="text/html"',
    });
  });

  it("no replacement documentation and no deprecation date: only Sunset", () => {
    expect(deprecationHeaders([deprecated({ deprecatedAt: null })])).toEqual({
      sunset: "Fri, 01 Jan 2027 00:00:00 GMT",
    });
  });
});
