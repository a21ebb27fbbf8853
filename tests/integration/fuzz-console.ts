// Malformed requests to the console's JSON API, by construction: each one carries at least one
// thing that must make the handler refuse it (no session, a forged one, another site's Origin, an
// unknown id, an invalid body or query), so that any success is a bug.

import { SESSION_COOKIE } from "@/lib/accounts/cookies";
import { ROLES } from "@/lib/accounts/roles";
import { AUDIT_RESOURCES } from "@/lib/audit/record";
import { GRANT_TYPES } from "@/lib/issuing";
import type { Random } from "@/lib/testing/prng";
import { MAX_REVIEW_CLIENTS, MAX_USAGE_DAYS } from "@/lib/usage/settings";
import { MAX_AUTHORIZATION_CODE_LIFETIME_SECONDS, MAX_LIFETIME_SECONDS, SCOPE_TOKEN } from "@/lib/validation";
import { CONSOLE_ORIGIN } from "./call";
import {
  deeplyNested,
  headerSafe,
  hostileString,
  INJECTIONS,
  NOT_JSON,
  storableString,
  tooLong,
  UNKNOWN_KEYS,
  withNul,
  wrongType,
} from "./fuzz-inputs";
import type { FoundHandler } from "./routes";

/** What the requests are built around: real rows, and the signed-in admin. */
export interface ConsoleFixture {
  apiId: string;
  apiName: string;
  scopeId: string;
  scopeName: string;
  /** The client's row id (the path parameter) and its client_id. */
  clientId: string;
  clientClientId: string;
  userId: string;
  adminEmail: string;
  adminCookie: string;
}

/** One field of a JSON body or a query string. */
interface FieldRule {
  /** A value the operation accepts; undefined leaves the field out. */
  valid(r: Random): unknown;
  /** A value it refuses, whatever the other fields hold. */
  invalid(r: Random): unknown;
  /** Leaving it out is refused. */
  required?: boolean;
}
type Fields = Record<string, FieldRule>;

/** How each handler is fuzzed beyond session, Origin and path: its body, its query, signing in. */
export interface Operation {
  body?: Fields;
  query?: Fields;
  /** Open without a session: signing in. */
  signIn?: boolean;
  /** Open without a session, taking no input: the API's description. */
  open?: boolean;
}

const oneOf =
  <T>(...makers: ((r: Random) => T)[]) =>
  (r: Random) =>
    r.pick(makers)(r);

/** A value that is no duration: a number out of range, or text that does not parse. */
const notALifetime = (max: number) =>
  oneOf(
    (r) => r.pick([0, -1, -86_400, 1.5, max + 1, 1e308, -(2 ** 31)]),
    (r) =>
      r.pick([
        "forever",
        "-5 min",
        "10 parsecs",
        `${"9".repeat(30)} d`,
        "1.5 s",
        "min",
        "0 s",
        "P",
        "PT",
        "2 fortnights",
      ]),
    (r) => wrongType(r, "string", "number", "null"),
  );

const identifier: FieldRule = {
  required: true,
  valid: (r) => `fuzz_${r.int(0, 1e9)}${[...storableString(r, 150)].filter((c) => SCOPE_TOKEN.test(c)).join("")}`,
  invalid: oneOf(
    (r) => wrongType(r, "string"),
    (r) => r.pick(["", " ", "\t"]),
    (r) => `a${r.pick([" ", '"', "\\", "\u0000", "é", "😀", "\u00a0", "\t", "\n"])}b`,
    (r) => "x".repeat(201 + r.int(0, 5000)),
  ),
};

const text = (max: number): FieldRule => ({
  valid: (r) => storableString(r, max),
  invalid: oneOf(
    (r) => wrongType(r, "string"),
    (r) => tooLong(r, max),
    withNul,
  ),
});

const bool: FieldRule = { valid: (r) => r.chance(0.5), invalid: (r) => wrongType(r, "boolean") };

const optionalLifetime: FieldRule = {
  valid: (r) => r.pick([null, "", r.int(1, 86_400 * 365), "10 min", "1 h 30 min"]),
  invalid: notALifetime(MAX_LIFETIME_SECONDS),
};

const lifetime = (max: number): FieldRule => ({
  required: true,
  valid: (r) => r.int(1, max),
  invalid: oneOf(notALifetime(max), (r) => r.pick([null, "", " "])),
});

const version: FieldRule = {
  required: true,
  valid: (r) => r.int(1, 3),
  invalid: (r) => r.pick(["1", 0, -1, 1.5, 2_147_483_648, null, true, [], {}, "latest"]),
};

/** A name that is read-only once created: sent back unchanged, or not at all. */
const readOnlyName = (current: () => string): FieldRule => ({
  valid: (r) => (r.chance(0.5) ? current() : undefined),
  invalid: oneOf(
    (r) => wrongType(r, "string"),
    () => `${current()}_renamed`,
  ),
});

const clientName: FieldRule = {
  required: true,
  valid: (r) => `Client ${storableString(r, 150)}`,
  invalid: oneOf(
    (r) => wrongType(r, "string"),
    (r) => r.pick(["", "   "]),
    (r) => tooLong(r, 200),
    withNul,
  ),
};

const redirectUris: FieldRule = {
  valid: (r) =>
    r.pick([
      [],
      ["https://app.example/callback"],
      ["http://localhost:3000/cb", "http://127.0.0.1/cb"],
      "https://a.example/cb https://b.example/cb",
      [`https://app.example/${encodeURIComponent(storableString(r, 100).toWellFormed())}`],
    ]),
  invalid: oneOf(
    (r) => wrongType(r, "array", "string"),
    (r) =>
      r.pick([
        ["javascript:alert(1)"],
        ["http://evil.example/cb"],
        ["https://app.example/cb#fragment"],
        ["not a url"],
        "not a url",
        [""],
        [42],
        [`https://app.example/${"x".repeat(2001)}`],
        Array.from({ length: 21 }, (_, i) => `https://app.example/${i}`),
        "data:text/html,<script>alert(1)</script>",
      ]),
    (r) => [`https://app.example/${withNul(r)}`],
  ),
};

const grantTypes: FieldRule = {
  required: true,
  valid: (r) => r.pick([["client_credentials"], ["authorization_code", "refresh_token"]]),
  invalid: oneOf(
    (r) => r.pick([[], ["implicit"], ["password"], "client_credentials", ["client_credentials", 1]]),
    (r) => [`${hostileString(r)}!`],
    (r) => wrongType(r, "array"),
  ),
};

const password: FieldRule = {
  required: true,
  valid: (r) => `a long enough password ${storableString(r, 100)}`,
  invalid: oneOf(
    (r) => wrongType(r, "string"),
    (r) => r.pick(["", "short", "elevenchars"]),
    (r) => "p".repeat(257 + r.int(0, 5000)),
  ),
};

const role: FieldRule = {
  required: true,
  valid: (r) => r.pick(ROLES),
  invalid: oneOf(
    (r) => r.pick(["root", "ADMIN", "Admin", "superuser", ""]),
    (r) => `${hostileString(r)}!`,
    (r) => wrongType(r, "string"),
  ),
};

const apiIds: FieldRule = {
  valid: () => [],
  invalid: oneOf(
    (r) => wrongType(r, "array"),
    (r) => r.pick([[""], [42], ["no-such-api"], Array.from({ length: 501 }, (_, i) => `api${i}`)]),
    (r) => [tooLong(r, 100)],
    (r) => [withNul(r)],
    (r) => [`${hostileString(r)}!`],
  ),
};

/** Query parameters: always text. */
const page: FieldRule = {
  valid: (r) => String(r.int(1, 5)),
  invalid: (r) => r.pick(["0", "-1", "abc", "1.5", "1e9", "", " ", "Infinity", "9".repeat(400), "1 OR 1=1"]),
};
const pageSize: FieldRule = {
  valid: (r) => String(r.int(1, 100)),
  invalid: (r) => r.pick(["0", "101", "1000000", "-5", "abc", "2.5", "", "NaN"]),
};
const search: FieldRule = {
  valid: (r) => storableString(r, 200),
  invalid: oneOf((r) => tooLong(r, 200), withNul),
};
const sort = (fields: readonly string[]): FieldRule => ({
  valid: (r) => `${r.chance(0.5) ? "-" : ""}${r.pick(fields)}`,
  invalid: oneOf(
    (r) => r.pick(["password", "passwordHash", "-", "--name", "name,desc", "NAME", "name ", ""]),
    (r) => `${hostileString(r)}!`,
  ),
});
const pagedQuery = (sortFields: readonly string[]): Fields => ({ page, pageSize, q: search, sort: sort(sortFields) });

/** A window of usage days. */
const days: FieldRule = {
  valid: (r) => String(r.int(1, MAX_USAGE_DAYS)),
  invalid: (r) => r.pick(["0", String(MAX_USAGE_DAYS + 1), "-1", "abc", "1.5", "", " ", "Infinity", "30 OR 1=1"]),
};

const boundedText = (max: number): FieldRule => ({
  valid: (r) => `r${storableString(r, max - 1)}`,
  invalid: oneOf(
    () => "",
    () => "   ",
    (r) => tooLong(r, max),
    withNul,
  ),
});
const time: FieldRule = {
  valid: (r) => r.pick(["2026-01-01T00:00:00Z", "2026-11-23T10:00:00+02:00", "2026-11-23T10:00:00"]),
  invalid: oneOf(
    (r) =>
      r.pick([
        "yesterday",
        "2026-13-01T00:00:00Z",
        "2026-02-30T00:00:00Z",
        "2026-01-01T25:00:00Z",
        "2026-01-01",
        "0",
        "1700000000",
        "",
      ]),
    (r) => `${hostileString(r)}x`,
  ),
};

/** Every console handler, and what its requests carry. A new handler must be described here. */
export function consoleOperations(fixture: ConsoleFixture): Record<string, Operation> {
  const apiFields = { displayName: text(200), description: text(1000) };
  const lifetimes = { accessTokenLifetime: optionalLifetime, refreshTokenLifetime: optionalLifetime };
  /** A configuration document (lib/config-file/schema.ts): valid ones list nothing, so that nothing is written. */
  const configDocument: Fields = {
    prune: { valid: () => false, invalid: (r) => r.pick(["yes", 1, null, "true"]) },
    apis: {
      valid: () => [],
      invalid: (r) =>
        r.pick([
          "x",
          1,
          null,
          [{}],
          [{ name: "" }],
          [{ name: "a b" }],
          [{ name: "a", scopes: "b" }],
          [{ name: "a", owners: ["not an email"] }],
        ]),
    },
    clients: {
      valid: () => [],
      invalid: (r) =>
        r.pick([
          "x",
          1,
          [{}],
          [{ clientId: "", name: "n", type: "public", allowedGrantTypes: ["authorization_code"] }],
        ]),
    },
    settings: { valid: () => undefined, invalid: (r) => r.pick(["x", 1, { accessTokenLifetime: -1 }, { version: 1 }]) },
  };
  const scopeFlags = { required: bool, emphasize: bool, showInDiscoveryDocument: bool };
  const clientFields = {
    name: clientName,
    redirectUris,
    allowedScopes: {
      valid: (r: Random) => r.pick([[], [fixture.scopeName], fixture.scopeName]),
      invalid: oneOf(
        (r) => wrongType(r, "array", "string"),
        (r) => r.pick([[""], [42], Array.from({ length: 501 }, () => fixture.scopeName), ["no_such_scope"]]),
        (r) => [tooLong(r, 200)],
        (r) => [withNul(r)],
        (r) => [`${hostileString(r)}!`],
      ),
    },
    allowedGrantTypes: grantTypes,
    ...lifetimes,
  };
  const partial = (fields: Fields): Fields =>
    Object.fromEntries(Object.entries(fields).map(([name, rule]) => [name, { ...rule, required: false }]));
  return {
    "GET /api/apis": { query: pagedQuery(["name", "displayName", "createdAt"]) },
    "POST /api/apis": { body: { name: identifier, ...apiFields, ...lifetimes } },
    "GET /api/apis/[id]": {},
    "PATCH /api/apis/[id]": {
      body: { name: readOnlyName(() => fixture.apiName), ...apiFields, ...lifetimes, version },
    },
    "DELETE /api/apis/[id]": {},
    "GET /api/apis/[id]/impact": {},
    "GET /api/apis/[id]/scopes": {
      query: {
        ...pagedQuery(["name", "displayName", "description", "required", "emphasize", "createdAt", "updatedAt"]),
        lifecycle: {
          valid: (r) => r.pick(["active", "deprecated", "retired"]),
          invalid: oneOf(
            (r) => r.pick(["Active", "sunset", "", " retired"]),
            (r) => `${hostileString(r)}!`,
          ),
        },
      },
    },
    "POST /api/apis/[id]/scopes": { body: { name: identifier, ...apiFields, ...scopeFlags, ...lifetimes } },
    "GET /api/apis/[id]/scopes/[scopeId]": {},
    "PATCH /api/apis/[id]/scopes/[scopeId]": {
      body: { name: readOnlyName(() => fixture.scopeName), ...apiFields, ...scopeFlags, ...lifetimes, version },
    },
    "GET /api/apis/[id]/scopes/[scopeId]/impact": {},
    "DELETE /api/apis/[id]/scopes/[scopeId]": {},
    "GET /api/apis/[id]/scopes/[scopeId]/usage": { query: { days } },
    // Valid in every field, it names no scope of the API: 404, nothing written.
    "POST /api/apis/[id]/scopes/bulk": {
      body: {
        action: { required: true, valid: () => "delete", invalid: (r) => r.pick(["Delete", "rename", "", 1, null]) },
        ids: {
          required: true,
          valid: (r) => [`missing-${r.int(0, 1e9)}`],
          invalid: (r) => r.pick([[], "x", [1], [""], null, ["a", "a"]]),
        },
        confirm: { valid: () => undefined, invalid: (r) => wrongType(r, "string") },
      },
    },
    "GET /api/clients": { query: pagedQuery(["name", "clientId", "createdAt"]) },
    "GET /api/scopes": { query: { page, pageSize, q: search } },
    "GET /api/config": {},
    "POST /api/config/plan": { body: configDocument },
    "POST /api/config/apply": {
      query: {
        fingerprint: {
          required: true,
          valid: (r) => Array.from({ length: 64 }, () => r.pick([..."0123456789abcdef"])).join(""),
          invalid: (r) => r.pick(["", "abc", "g".repeat(64), "A".repeat(64), `${"0".repeat(64)} `]),
        },
      },
      body: configDocument,
    },
    "POST /api/clients": {
      body: {
        ...clientFields,
        type: {
          required: true,
          valid: (r) => r.pick(["confidential", "public"]),
          invalid: oneOf(
            (r) => r.pick(["Confidential", "private", "", "none"]),
            (r) => `${hostileString(r)}!`,
            (r) => wrongType(r, "string"),
          ),
        },
      },
    },
    "GET /api/clients/[id]": {},
    "PATCH /api/clients/[id]": {
      body: {
        ...partial(clientFields),
        type: { valid: () => "confidential", invalid: (r) => r.pick(["public", "Confidential", 1, null]) },
        version,
      },
    },
    "DELETE /api/clients/[id]": {},
    "POST /api/clients/[id]/secret": {},
    "GET /api/clients/[id]/review": { query: { days } },
    "GET /api/clients/review": {
      query: {
        ids: {
          required: true,
          valid: (r) => r.pick([fixture.clientId, `${fixture.clientId},cl${r.int(0, 1e9).toString(36)}fuzz`]),
          invalid: (r) =>
            r.pick(["", ",", " , ", Array.from({ length: MAX_REVIEW_CLIENTS + 1 }, (_, i) => `c${i}`).join(",")]),
        },
        days,
      },
    },
    "GET /api/deprecations": {},
    "GET /api/settings": {},
    "PUT /api/settings": {
      body: {
        accessTokenLifetime: lifetime(MAX_LIFETIME_SECONDS),
        refreshTokenLifetime: lifetime(MAX_LIFETIME_SECONDS),
        refreshAbsoluteLifetime: lifetime(MAX_LIFETIME_SECONDS),
        offlineRefreshTokenLifetime: lifetime(MAX_LIFETIME_SECONDS),
        offlineAbsoluteLifetime: lifetime(MAX_LIFETIME_SECONDS),
        authorizationCodeLifetime: lifetime(MAX_AUTHORIZATION_CODE_LIFETIME_SECONDS),
        version,
      },
    },
    "POST /api/token-preview": {
      body: {
        clientId: {
          valid: (r) => (r.chance(0.5) ? fixture.clientClientId : undefined),
          invalid: oneOf(
            (r) => r.pick(["", "   ", null, 42, ["a"]]),
            (r) => tooLong(r, 200),
            withNul,
            // Non-blank: an unknown client (404); blank: refused (400).
            hostileString,
          ),
        },
        scopes: {
          valid: (r) => r.pick([[], [fixture.scopeName], [storableString(r, 200)], ["openid", "profile"]]),
          invalid: oneOf(
            (r) => wrongType(r, "array"),
            (r) => r.pick([[42], "read", Array.from({ length: 501 }, () => "x")]),
            (r) => [tooLong(r, 200)],
            (r) => [withNul(r)],
          ),
        },
        grantType: {
          required: true,
          valid: (r) => r.pick(GRANT_TYPES),
          invalid: oneOf(
            (r) => r.pick(["implicit", "password", "", "CLIENT_CREDENTIALS"]),
            (r) => `${hostileString(r)}!`,
            (r) => wrongType(r, "string"),
          ),
        },
      },
    },
    "GET /api/users": { query: pagedQuery(["email", "role", "createdAt"]) },
    "POST /api/users": {
      body: {
        email: {
          required: true,
          valid: (r) => `fuzz-${r.int(0, 1e9)}@example.com`,
          invalid: oneOf(
            (r) => wrongType(r, "string"),
            (r) => r.pick(["", "plainaddress", "a@", "@example.com", "a b@example.com", `${"a".repeat(320)}@x.io`]),
            (r) => `${hostileString(r)}@@example.com`,
            // Taken: 409.
            () => fixture.adminEmail,
          ),
        },
        password,
        role,
        apiIds,
      },
    },
    "GET /api/users/[id]": {},
    "PATCH /api/users/[id]": { body: { role: { ...role, required: false }, apiIds, disabled: bool, version } },
    "PUT /api/users/[id]/password": { body: { password } },
    "GET /api/audit": {
      query: {
        resourceType: {
          valid: (r) => r.pick(AUDIT_RESOURCES),
          invalid: oneOf(
            (r) => r.pick(["API", "apis", "sessions", ""]),
            (r) => `${hostileString(r)}!`,
          ),
        },
        resourceId: boundedText(100),
        actor: boundedText(320),
        from: time,
        to: time,
        page,
        pageSize,
      },
    },
    "GET /api/session": {},
    "GET /api/openapi.json": { open: true },
    "POST /api/session": {
      signIn: true,
      body: {
        email: {
          required: true,
          valid: (r) => `nobody-${r.int(0, 1e9)}@example.invalid`,
          invalid: oneOf(
            (r) => wrongType(r, "string"),
            (r) => r.pick(["", "   "]),
            (r) => tooLong(r, 320),
          ),
        },
        password: {
          required: true,
          valid: (r) => `not the password ${r.int(0, 1e9)}`,
          invalid: oneOf(
            (r) => wrongType(r, "string"),
            () => "",
            (r) => tooLong(r, 256),
          ),
        },
      },
    },
    "DELETE /api/session": {},
    "GET /api/sessions": {},
    "DELETE /api/sessions/[id]": {},
  };
}

/** What makes a request malformed, and the statuses it may get. */
export const KINDS = {
  noSession: [401],
  forgedSession: [401],
  crossSite: [403],
  /** 413: the body may be over the limit too. */
  badParams: [400, 404, 413],
  /** 404: an unknown client to preview; 409: a taken email; 413: a body over the limit. */
  badBody: [400, 404, 409, 413],
  badQuery: [400],
  /** 429: the failed sign-ins of one address (every in-process request has the same) are limited. */
  wrongPassword: [401, 429],
} as const;
export type Kind = keyof typeof KINDS;

export interface ConsoleCase {
  label: string;
  kind: Kind;
  handler: FoundHandler;
  /** As Next.js gives them: none for a route without dynamic segments. */
  params: Record<string, string> | undefined;
  request: () => Request;
}

/** JSON text of an object given as entries: keys may repeat and may be "__proto__". */
const objectText = (entries: [string, unknown][]) =>
  `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(",")}}`;

/** Field entries: valid ones, and the broken ones invalid or left out. */
function entriesOf(r: Random, fields: Fields, broken: Set<string>): [string, unknown][] {
  const entries: [string, unknown][] = [];
  for (const [name, rule] of Object.entries(fields)) {
    if (broken.has(name)) {
      if (rule.required && r.chance(0.2)) continue;
      // A valid value first and the invalid one last: the last of repeated keys wins.
      if (r.chance(0.1)) entries.push([name, rule.valid(r)]);
      entries.push([name, rule.invalid(r)]);
    } else if (rule.required || r.chance(0.5)) {
      const value = rule.valid(r);
      if (value !== undefined) entries.push([name, value]);
    }
  }
  return entries;
}

function someOf(r: Random, names: string[]): Set<string> {
  const chosen = new Set([r.pick(names)]);
  while (r.chance(0.3)) chosen.add(r.pick(names));
  return chosen;
}

const validBody = (r: Random, fields: Fields) => objectText(entriesOf(r, fields, new Set()));

const NOT_JSON_TYPES = [
  "text/plain",
  "text/html",
  "application/xml",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/octet-stream",
  "application/jsonp",
  "text/json",
  "json",
  "",
];

/** A body the operation refuses, with its content type. */
function malformedBody(r: Random, fields: Fields): { text: string; contentType: string | null; what: string } {
  const json = "application/json";
  const roll = r.int(0, 99);
  if (roll < 55) {
    const broken = someOf(r, Object.keys(fields));
    return { text: objectText(entriesOf(r, fields, broken)), contentType: json, what: `fields ${[...broken]}` };
  }
  if (roll < 63) {
    const entries = entriesOf(r, fields, new Set());
    entries.splice(r.int(0, entries.length), 0, [r.pick(UNKNOWN_KEYS), wrongType(r)]);
    return { text: objectText(entries), contentType: json, what: "unknown field" };
  }
  if (roll < 73) {
    const valid = validBody(r, fields);
    const text = r.chance(0.5) ? valid.slice(0, r.int(0, valid.length - 1)) : r.pick(NOT_JSON);
    return { text, contentType: json, what: "not JSON" };
  }
  if (roll < 81) {
    const text = r.pick(["null", "true", "42", '"text"', "[]", `[${validBody(r, fields)}]`, deeplyNested(5_000)]);
    return { text, contentType: json, what: "not an object" };
  }
  if (roll < 90) {
    const contentType = r.pick(NOT_JSON_TYPES);
    return { text: validBody(r, fields), contentType: r.chance(0.9) ? contentType : null, what: "content type" };
  }
  if (roll < 95) {
    const name = r.pick(Object.keys(fields));
    const huge = r.pick(["x", "😀", "\\", r.pick(INJECTIONS)]).repeat(70_000);
    return { text: objectText([[name, huge]]), contentType: json, what: "over 64 KiB" };
  }
  const name = r.pick(Object.keys(fields));
  return { text: `{${JSON.stringify(name)}:${deeplyNested(r.int(100, 20_000))}}`, contentType: json, what: "nested" };
}

function malformedQuery(r: Random, fields: Fields): string {
  const broken = someOf(r, Object.keys(fields));
  const params = new URLSearchParams();
  for (const [name, value] of entriesOf(r, fields, broken)) params.append(name, String(value));
  if (r.chance(0.2)) params.append(r.pick(["id", "__proto__", "where", "q[$ne]"]), hostileString(r).toWellFormed());
  return params.toString();
}

/** An id that names nothing. */
const unknownId = (r: Random) =>
  r.chance(0.3) ? `cl${r.int(0, 1e9).toString(36)}fuzz` : r.pick([hostileString(r), "", "..", "%2F", "null", "0"]);

function forgedCookie(r: Random, adminCookie: string): string {
  const value = adminCookie.slice(adminCookie.indexOf("=") + 1);
  const flipped = (() => {
    const at = r.int(0, value.length - 1);
    return `${value.slice(0, at)}${value[at] === "A" ? "B" : "A"}${value.slice(at + 1)}`;
  })();
  return r.pick([
    `${SESSION_COOKIE}=${headerSafe(hostileString(r))}`,
    `${SESSION_COOKIE}=${flipped}`,
    `${SESSION_COOKIE}=`,
    `${SESSION_COOKIE}=${value}x`,
    `${SESSION_COOKIE}=${value.slice(0, -1)}`,
    `${SESSION_COOKIE.toUpperCase()}=${value}`,
    `other=${value}`,
    `${SESSION_COOKIE}=forged; ${SESSION_COOKIE}=${value}`,
    `${SESSION_COOKIE}=${"A".repeat(r.int(100, 8_000))}`,
  ]);
}

/** Headers of a change sent from another site (or from nowhere a browser would say). */
function foreignSite(r: Random): Record<string, string> {
  return r.pick<Record<string, string>>([
    { origin: "https://evil.example" },
    { origin: "null" },
    { origin: "http://localhost.evil.example" },
    { origin: "http://localhost:8080" },
    { origin: "http://127.0.0.1" },
    { origin: "not a url" },
    { origin: "" },
    { origin: "http://evil.example/http://localhost" },
    { origin: "https://evil.example", "sec-fetch-site": "same-origin" },
    { origin: `https://${headerSafe(hostileString(r)).replace(/[^a-z0-9.-]/gi, "") || "x"}.evil.example` },
    { "sec-fetch-site": "cross-site" },
    { "sec-fetch-site": "same-site" },
    { "sec-fetch-site": "none" },
    {},
  ]);
}

const WEIGHTS: Record<Kind, number> = {
  noSession: 1,
  forgedSession: 1,
  crossSite: 1.5,
  badParams: 2,
  badBody: 5,
  badQuery: 4,
  wrongPassword: 0.2,
};

function kindsFor(handler: FoundHandler, operation: Operation): Kind[] {
  const kinds: Kind[] = [];
  if (!operation.signIn && !operation.open) kinds.push("noSession", "forgedSession");
  if (handler.method !== "GET") kinds.push("crossSite");
  if (handler.route.includes("[")) kinds.push("badParams");
  if (operation.body) kinds.push("badBody");
  if (operation.query) kinds.push("badQuery");
  if (operation.signIn) kinds.push("wrongPassword");
  return kinds;
}

/** How much fuzzing a handler deserves: the more ways to get it wrong, the more requests. */
export const handlerWeight = (handler: FoundHandler, operation: Operation) =>
  kindsFor(handler, operation).reduce((sum, kind) => sum + WEIGHTS[kind], 0);

/** The real rows a route's path parameters name. */
function validParams(route: string, fixture: ConsoleFixture): Record<string, string> {
  const names = [...route.matchAll(/\[(\w+)\]/g)].map((match) => match[1]);
  const byRoute: Record<string, string> = route.startsWith("/api/clients/")
    ? { id: fixture.clientId }
    : route.startsWith("/api/users/")
      ? { id: fixture.userId }
      : { id: fixture.apiId, scopeId: fixture.scopeId };
  return Object.fromEntries(
    names.map((name) => {
      if (!byRoute[name]) throw new Error(`No fixture for the parameter ${name} of ${route}`);
      return [name, byRoute[name]];
    }),
  );
}

const pathOf = (route: string, params: Record<string, string>) =>
  route.replace(/\[(\w+)\]/g, (_, name: string) => encodeURIComponent(params[name].toWellFormed()));

const excerpt = (text: string) => JSON.stringify(text.length > 160 ? `${text.slice(0, 160)}…(${text.length})` : text);

/** One malformed request to the handler. */
export function consoleCase(
  r: Random,
  index: number,
  handler: FoundHandler,
  operation: Operation,
  fixture: ConsoleFixture,
): ConsoleCase {
  const kind = r.weighted(kindsFor(handler, operation), (candidate) => WEIGHTS[candidate]);
  const params = validParams(handler.route, fixture);
  const headers: Record<string, string> = { cookie: fixture.adminCookie };
  if (handler.method !== "GET") headers.origin = CONSOLE_ORIGIN;
  let body: string | undefined;
  let query = "";
  let what = "";
  const bodyFields = operation.body;
  if (bodyFields && handler.method !== "GET") {
    body = validBody(r, bodyFields);
    headers["content-type"] = "application/json";
  }
  switch (kind) {
    case "noSession":
      delete headers.cookie;
      break;
    case "forgedSession":
      headers.cookie = forgedCookie(r, fixture.adminCookie);
      what = headers.cookie;
      break;
    case "crossSite":
      delete headers.origin;
      Object.assign(headers, foreignSite(r));
      what = JSON.stringify(headers);
      break;
    case "badParams":
      for (const name of someOf(r, Object.keys(params))) params[name] = unknownId(r);
      if (bodyFields && r.chance(0.3)) body = malformedBody(r, bodyFields).text;
      what = JSON.stringify(params);
      break;
    case "badBody": {
      const malformed = malformedBody(r, bodyFields as Fields);
      body = malformed.text;
      if (malformed.contentType === null) delete headers["content-type"];
      else headers["content-type"] = malformed.contentType;
      what = `${malformed.what} (${headers["content-type"]})`;
      break;
    }
    case "badQuery":
      query = malformedQuery(r, operation.query as Fields);
      what = query;
      break;
    case "wrongPassword":
      break;
  }
  if (operation.query && kind !== "badQuery" && r.chance(0.5)) {
    query = new URLSearchParams(entriesOf(r, operation.query, new Set()) as [string, string][]).toString();
  }
  const url = `${CONSOLE_ORIGIN}${pathOf(handler.route, params)}${query ? `?${query}` : ""}`;
  return {
    label: `#${index} ${kind} ${handler.name} ${excerpt(what)} body=${excerpt(body ?? "")}`,
    kind,
    handler,
    params: handler.route.includes("[") ? params : undefined,
    request: () => new Request(url, { method: handler.method, headers, body }),
  };
}
