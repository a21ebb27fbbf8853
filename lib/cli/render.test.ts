import { describe, expect, it } from "vitest";
import type { ConfigPlan } from "../config-file/schema";
import {
  bearerChallenge,
  colorWanted,
  renderApplied,
  renderFailure,
  renderPlan,
  renderUnreachable,
  styles,
  valueText,
} from "./render";

const plain = styles(false);
const FINGERPRINT = "f".repeat(64);

const plan: ConfigPlan = {
  fingerprint: FINGERPRINT,
  changes: [
    {
      action: "update",
      resourceType: "settings",
      name: "settings",
      fields: { accessTokenLifetime: { before: 3600, after: 600 } },
    },
    {
      action: "create",
      resourceType: "scope",
      name: "orders:read",
      fields: {
        api: { before: null, after: "orders" },
        description: { before: null, after: 'Read "orders"' },
        required: { before: null, after: false },
        refreshTokenLifetime: { before: null, after: null },
      },
    },
    {
      action: "update",
      resourceType: "client",
      name: "web-app",
      fields: {
        accessTokenLifetime: { before: 3600, after: 600 },
        allowedScopes: { before: ["openid", "orders:admin"], after: ["openid", "orders:read"] },
        allowedGrantTypes: {
          before: ["authorization_code", "refresh_token"],
          after: ["refresh_token", "authorization_code"],
        },
      },
    },
    {
      action: "delete",
      resourceType: "api",
      name: "legacy",
      fields: { displayName: { before: "Legacy", after: null } },
      impact: { allowedClients: 3, consents: 1, liveGrants: 12 },
    },
  ],
};

describe("the plan in the terminal", () => {
  it("prints each change as Terraform does, every field, the summary and the fingerprint", () => {
    expect(renderPlan(plan, plain)).toBe(`~ update settings
    accessTokenLifetime: 3600 (1 h) → 600 (10 min)

+ create scope orders:read
    api: "orders"
    description: "Read \\"orders\\""
    required: false
    refreshTokenLifetime: null

~ update client web-app
    accessTokenLifetime: 3600 (1 h) → 600 (10 min)
    allowedScopes:
      + "orders:read"
      - "orders:admin"
    allowedGrantTypes: ["authorization_code", "refresh_token"] → ["refresh_token", "authorization_code"]

- delete api legacy
    ! in use: allowed to 3 clients, in 1 consent and 12 live grants
    displayName: "Legacy"

Plan: 1 to create, 2 to update, 1 to delete.
Fingerprint: ${FINGERPRINT}
`);
  });

  it("says how to apply exactly this plan, quoting a file name the shell would split", () => {
    expect(renderPlan(plan, plain, "scopes.yaml")).toContain(
      `  npx scope-console config apply scopes.yaml --fingerprint ${FINGERPRINT}\n`,
    );
    expect(renderPlan(plan, plain, "my scopes.yaml")).toContain(`config apply 'my scopes.yaml' --fingerprint`);
  });

  it("says when there is nothing to do", () => {
    expect(renderPlan({ fingerprint: FINGERPRINT, changes: [] }, plain, "scopes.yaml")).toBe(
      "No changes: the console already is as the document says.\n",
    );
  });

  it("says a deletion that reaches nothing", () => {
    const unused = { ...plan.changes[3], impact: { allowedClients: 0, consents: 0, liveGrants: 0 } };
    expect(renderPlan({ fingerprint: FINGERPRINT, changes: [unused] }, plain)).toContain(
      "    ! in use by no client, consent or live grant\n",
    );
  });

  it("colours creates green, updates yellow and deletes red, only when asked", () => {
    const coloured = renderPlan(plan, styles(true));
    expect(coloured).toContain("\u001b[32m+ create \u001b[1mscope orders:read\u001b[0m\u001b[0m");
    expect(coloured).toContain("\u001b[33m~ update ");
    expect(coloured).toContain("\u001b[31m- delete ");
    expect(renderPlan(plan, plain)).not.toContain("\u001b[");
  });

  it.each([
    [true, {}, true],
    [true, { NO_COLOR: "1" }, false],
    [true, { NO_COLOR: "" }, true],
    [false, {}, false],
    [undefined, {}, false],
  ])("a terminal %s with %j has colours: %s", (isTTY, env, wanted) => expect(colorWanted(isTTY, env)).toBe(wanted));

  it.each([
    ["description", "a [ b ]", '"a [ b ]"'],
    ["accessTokenLifetime", 5400, "5400 (1 h 30 min)"],
    ["accessTokenLifetime", null, "null"],
    ["required", true, "true"],
    ["redirectUris", [], "[]"],
    ["owners", ["a@example.com"], '["a@example.com"]'],
  ])("%s %j reads %s", (field, value, text) => expect(valueText(field, value)).toBe(text));
});

describe("what apply made", () => {
  it("counts the changes and shows each new client's secret once", () => {
    const text = renderApplied({ ...plan, secrets: [{ clientId: "batch-job", clientSecret: "s3cr3t" }] }, plain);
    expect(text).toBe(`Applied: 1 created, 2 updated, 1 deleted.

New client secret, shown this once (the console keeps only a hash): store it now.
  client_id:     batch-job
  client_secret: s3cr3t
`);
  });

  it("says nothing of secrets when no confidential client was created", () => {
    expect(renderApplied({ fingerprint: FINGERPRINT, changes: [], secrets: [] }, plain)).toBe(
      "Applied: 0 created, 0 updated, 0 deleted.\n",
    );
  });
});

describe("refusals", () => {
  const failure = (status: number, body: unknown, wwwAuthenticate: string | null = null) =>
    renderFailure({ status, statusText: "", wwwAuthenticate, body }, plain);

  it("names each bad field by its path in the document", () => {
    expect(
      failure(400, {
        type: "about:blank",
        title: "Bad Request",
        status: 400,
        detail: "The document is not valid: apis[0].scopes[1].name: Use letters.",
        errors: {
          "apis[0].scopes[1].name": ["Use letters.", "At most 100 characters."],
          "clients[2].type": ["Required."],
        },
      }),
    ).toBe(`Error: 400 Bad Request: The document is not valid: apis[0].scopes[1].name: Use letters.
  apis[0].scopes[1].name: Use letters. At most 100 characters.
  clients[2].type: Required.
`);
  });

  it.each([
    [
      'Bearer realm="Scope Console", error="invalid_token", error_description="No."',
      401,
      "refused the token in SCOPE_CONSOLE_TOKEN (invalid_token): get one",
    ],
    [
      'Bearer error="insufficient_scope", scope="console:write"',
      403,
      "lacks the scope console:write (insufficient_scope)",
    ],
    ['Bearer error="invalid_request"', 400, null],
    ['Bearer error="invalid_request"', 401, "could not use the token in SCOPE_CONSOLE_TOKEN (invalid_request)"],
    ['Bearer realm="Scope Console"', 401, "wants a bearer token in SCOPE_CONSOLE_TOKEN"],
    ['Basic realm="x"', 401, null],
  ])("%s on %i says what is wrong with the token: %s", (challenge, status, said) => {
    const text = failure(status, { title: "Unauthorized", detail: "No." }, challenge);
    expect(text.startsWith(`Error: ${status} Unauthorized: No.\n`)).toBe(true);
    if (said) expect(text).toContain(said);
    else expect(text.split("\n")).toHaveLength(2);
  });

  it("quotes the challenge's description when the detail did not say it", () => {
    expect(failure(401, null, 'Bearer error="invalid_token", error_description="The access token expired."')).toContain(
      "SCOPE_CONSOLE_TOKEN (invalid_token: The access token expired): get one",
    );
  });

  it("says the status of an answer that is not problem details", () => {
    expect(renderFailure({ status: 502, statusText: "Bad Gateway", wwwAuthenticate: null, body: null }, plain)).toBe(
      "Error: 502 Bad Gateway\n",
    );
  });

  it.each([
    [
      'Bearer error="invalid_token", error_description="a \\"quoted\\" word"',
      { error: "invalid_token", error_description: 'a "quoted" word' },
    ],
    ["Bearer error=invalid_token,scope=console:read", { error: "invalid_token", scope: "console:read" }],
    ['Basic realm="x", Bearer realm="y"', { realm: "y" }],
    ["Bearer", {}],
    ['Basic realm="x"', null],
    [null, null],
  ])("reads the challenge %j", (header, params) => expect(bearerChallenge(header)).toEqual(params));

  it("says which console could not be reached, and why", () => {
    const error = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    expect(renderUnreachable(new URL("http://127.0.0.1:9/"), error, plain)).toBe(
      "Error: the console at http://127.0.0.1:9/ could not be reached (ECONNREFUSED).\nCheck --url or SCOPE_CONSOLE_URL, and that the console runs.\n",
    );
  });
});
