// Hostile inputs for the fuzz test: strings that trouble parsers, queries and templates, and
// values of every wrong type, all drawn from a seeded generator so that a failure replays.
import type { Random } from "@/lib/testing/prng";

export const INJECTIONS = [
  // SQL
  "' OR '1'='1",
  '\'; DROP TABLE "Api"; --',
  "1) OR pg_sleep(5)--",
  '\' UNION SELECT "passwordHash" FROM "User"--',
  "%' OR 1=1 --",
  "\\'; SELECT 1; --",
  // NoSQL
  '{"$gt": ""}',
  '{"$ne": null}',
  "[$ne]=1",
  "';return true;var a='",
  // templates
  "{{7*7}}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection, sent as text
  "${7*7}",
  "<%= 7*7 %>",
  "#{7*7}",
  "{{constructor.constructor('return process')()}}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection, sent as text
  "${{<%[%'\"}}%\\.",
  // markup and scripts
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '"><svg onload=alert(1)>',
  "javascript:alert(1)",
  "</textarea><script>alert(1)</script>",
  // paths, headers, formats
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "%2e%2e%2f%2e%2e%2f",
  "\r\nSet-Cookie: pwned=1",
  "%s%s%s%n%x",
  "%00",
  "\\u0000",
  // names that mean something to code
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "undefined",
  "null",
  "NaN",
  "-1",
  "1e309",
];

export const UNICODE = [
  "😀",
  "👩‍👩‍👧‍👦",
  "🏳️‍🌈",
  "\u202Eevil\u202C",
  "zero\u200Bwidth",
  "\uFEFFbom",
  "Ｆｕｌｌｗｉｄｔｈ",
  "e\u0301\u0301\u0301",
  "Z̸̢͉̝̈́a̴̡̛͓l̸g̷o̵",
  "中文字符",
  "עברית",
  "العربية",
  "\u0085\u2028\u2029",
  "\uD800",
  "\uDFFF",
  "𝕳𝖊𝖑𝖑𝖔",
  "İß",
  "\u0001\u0007\u001b[31m\u007f",
];

/** Unknown keys a client might send to reach something it should not. */
export const UNKNOWN_KEYS = [
  "__proto__",
  "constructor",
  "id",
  "createdAt",
  "secretHash",
  "passwordHash",
  "$where",
  "",
  "😀",
  "name ",
];

/** Any UTF-16 code units: control characters, lone surrogates, private use. */
function codeUnits(r: Random, length: number): string {
  const units = Array.from({ length }, () => (r.chance(0.7) ? r.int(0, 0x7f) : r.int(0, 0xffff)));
  return String.fromCharCode(...units);
}

/** A string that a parser, a query or a template might choke on. */
export function hostileString(r: Random): string {
  switch (r.int(0, 7)) {
    case 0:
      return r.pick(INJECTIONS);
    case 1:
      return r.pick(UNICODE);
    case 2:
      return `${r.pick(INJECTIONS)}${r.pick(UNICODE)}${r.pick(INJECTIONS)}`;
    case 3:
      return codeUnits(r, r.int(1, 40));
    case 4:
      return r.pick(INJECTIONS).repeat(r.int(20, 400));
    case 5:
      return r.pick(["", " ", "   ", "\t\n", "\u00a0"]);
    case 6:
      return `${r.pick(UNICODE)}\u0000${r.pick(INJECTIONS)}`;
    default:
      return r.pick(UNICODE).repeat(r.int(50, 3000));
  }
}

/** A hostile string without NUL, cut to `max` characters: what a text field may hold. */
export const storableString = (r: Random, max: number) => hostileString(r).replaceAll("\u0000", "").slice(0, max);

/** A string longer than `max` even after trimming. */
export const tooLong = (r: Random, max: number) => `${r.pick(["x", "é", "😀", "'"])}`.repeat(max + r.int(1, 3000));

/** A string holding NUL, which no PostgreSQL text column can store. */
export const withNul = (r: Random) => `${r.pick(["a", "", r.pick(INJECTIONS)])}\u0000${r.pick(["", "b", "😀"])}`;

export type JsonType = "string" | "number" | "boolean" | "null" | "array" | "object";

const ofType: Record<JsonType, (r: Random) => unknown> = {
  string: hostileString,
  number: (r) => r.pick([0, -1, 1.5, -0.0001, 1e308, 2 ** 53 + 1, -(2 ** 31)]),
  boolean: (r) => r.chance(0.5),
  null: () => null,
  array: (r) => r.pick([[], [1, 2], ["a"], [[[]]], [null], [hostileString(r)]]),
  object: (r) =>
    r.pick([
      {},
      { $gt: "" },
      JSON.parse('{"__proto__": {"role": "admin"}}'),
      { toString: "x", valueOf: 1 },
      { nested: { deeper: [hostileString(r)] } },
    ]),
};

/** A value of any JSON type but the given ones. */
export function wrongType(r: Random, ...allowed: JsonType[]): unknown {
  const types = (Object.keys(ofType) as JsonType[]).filter((type) => !allowed.includes(type));
  return ofType[r.pick(types)](r);
}

/** Only the characters a header value may carry (Latin-1, no NUL, CR or LF), never empty. */
export function headerSafe(text: string): string {
  const kept = [...text].filter((char) => {
    const code = char.charCodeAt(0);
    return char.length === 1 && code <= 0xff && code !== 0 && code !== 10 && code !== 13;
  });
  return kept.join("").trim() || "x";
}

/** JSON nested `depth` levels deep. */
export const deeplyNested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

/** Texts that are not JSON. */
export const NOT_JSON = [
  "",
  "{",
  "}",
  "{name: 'x'}",
  "{'name': 'x'}",
  '{"name": "x",}',
  '{"name": undefined}',
  '{"name": NaN}',
  '{"name": "x"} trailing',
  '{"name": "\u0001"}',
  "[1, 2",
  "nul",
  "<xml/>",
  "name=x&displayName=y",
  '{"a":1}{"a":2}',
  '{"name": "\\uZZZZ"}',
  "\u0000",
];
