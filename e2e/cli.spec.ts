// The command line (`scope-console config export | plan | apply`, bin/scope-console.mjs) run as a
// child process against the test server with a bearer token of a client allowed console:read and
// console:write, as CI would run it. Each document lists only the test's own API and client: the
// rest of the console, which the specs beside it change all the time, is left alone.
import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { parse, stringify } from "yaml";
import { createApi, createScope, uniqueName } from "./support";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command line with only the environment given (no SCOPE_CONSOLE_* of the caller's). */
function cli(args: string[], env: Record<string, string>, input?: string, command = process.execPath): Promise<Run> {
  const argv = command === process.execPath ? ["bin/scope-console.mjs", ...args] : args;
  const child = spawn(command, argv, {
    // spawn leaves out the variables that are undefined.
    env: { ...process.env, SCOPE_CONSOLE_URL: undefined, SCOPE_CONSOLE_TOKEN: undefined, NO_COLOR: "1", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  child.stdin.end(input ?? "");
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const basic = (clientId: string, secret: string) => `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`;

async function clientCredentials(request: APIRequestContext, clientId: string, secret: string, scope: string) {
  const response = await request.post("/oauth/token", {
    headers: { authorization: basic(clientId, secret) },
    form: { grant_type: "client_credentials", scope },
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()).access_token as string;
}

/** An access token of a new client allowed the console's own scopes (the built-in API scope-console). */
async function consoleToken(request: APIRequestContext, scope = "console:read console:write") {
  const created = await request.post("/api/clients", {
    data: {
      name: uniqueName("cli"),
      type: "confidential",
      allowedGrantTypes: ["client_credentials"],
      allowedScopes: ["console:read", "console:write"],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { clientId, clientSecret } = await created.json();
  return clientCredentials(request, clientId, clientSecret, scope);
}

test("[CLI] export, change, plan (exit 2 with the changed field), apply (exit 0, the new client's secret once), plan again (exit 0)", async ({
  request,
  baseURL,
}, testInfo) => {
  const api = await createApi(request, "CLI API");
  const scope = uniqueName("cli_scope");
  await createScope(request, api.id, { name: scope, description: "Before" });
  const env = { SCOPE_CONSOLE_URL: baseURL as string, SCOPE_CONSOLE_TOKEN: await consoleToken(request) };

  const exported = await cli(["config", "export"], env);
  expect(exported.stderr).toBe("");
  expect(exported.code).toBe(0);
  const listed = parse(exported.stdout).apis.find((entry: { name: string }) => entry.name === api.name);
  expect(listed.scopes).toEqual([expect.objectContaining({ name: scope, description: "Before" })]);

  const clientId = uniqueName("cli-batch");
  listed.scopes[0].description = "After";
  const file = testInfo.outputPath("scopes.yaml");
  await writeFile(
    file,
    stringify({
      apis: [listed],
      clients: [
        {
          clientId,
          name: "CLI batch",
          type: "confidential",
          allowedGrantTypes: ["client_credentials"],
          allowedScopes: [scope],
        },
      ],
    }),
  );

  const planned = await cli(["config", "plan", file], env);
  expect(planned.stderr).toBe("");
  expect(planned.code).toBe(2);
  expect(planned.stdout).toContain(`~ update scope ${scope}\n    description: "Before" → "After"\n`);
  expect(planned.stdout).toContain(`+ create client ${clientId}\n`);
  expect(planned.stdout).toContain("Plan: 1 to create, 1 to update, 0 to delete.");
  const fingerprint = planned.stdout.match(/--fingerprint ([0-9a-f]{64})/)?.[1] as string;
  expect(fingerprint).toBeTruthy();

  // A plan reviewed when the console was in another state is not applied.
  const stale = await cli(["config", "apply", file, "--fingerprint", "0".repeat(64)], env);
  expect(stale.code).toBe(1);
  expect(stale.stderr).toContain("no longer in the state of the plan");
  expect(stale.stderr).toContain(`--fingerprint ${fingerprint}`);

  const applied = await cli(["config", "apply", file, "--fingerprint", fingerprint], env);
  expect(applied.stderr).toBe("");
  expect(applied.code).toBe(0);
  expect(applied.stdout).toContain("Applied: 1 created, 1 updated, 0 deleted.");
  const secret = applied.stdout.match(/client_secret: (\S+)/)?.[1] as string;
  expect(applied.stdout).toContain(`client_id:     ${clientId}`);
  // The secret printed is the new client's.
  await clientCredentials(request, clientId, secret, scope);

  const again = await cli(["config", "plan", file], env);
  expect(again.code).toBe(0);
  expect(again.stdout).toContain("No changes");
  const reapplied = await cli(["config", "apply", file], env);
  expect(reapplied.code).toBe(0);
  expect(reapplied.stdout).toContain("No changes");
  expect(reapplied.stdout).not.toContain("client_secret");

  // JSON both ways: the export with --json, a document on standard input.
  const json = await cli(["config", "export", "--json"], env);
  expect(json.code).toBe(0);
  const document = JSON.parse(json.stdout);
  const now = document.apis.find((entry: { name: string }) => entry.name === api.name);
  expect(now.scopes[0].description).toBe("After");
  const piped = await cli(["config", "plan", "-"], env, JSON.stringify({ apis: [now] }));
  expect(piped.code).toBe(0);
  expect(piped.stdout).toContain("No changes");
});

test("[CLI] a document that does not validate exits 1 naming each bad field by its path", async ({
  request,
  baseURL,
}, testInfo) => {
  const env = { SCOPE_CONSOLE_URL: baseURL as string, SCOPE_CONSOLE_TOKEN: await consoleToken(request) };
  const file = testInfo.outputPath("bad.yaml");
  await writeFile(
    file,
    stringify({ apis: [{ name: uniqueName("cli_bad"), scopes: [{ name: "fine" }, { name: "not a name" }] }] }),
  );
  const bad = await cli(["config", "plan", file], env);
  expect(bad.code).toBe(1);
  expect(bad.stdout).toBe("");
  expect(bad.stderr).toContain("Error: 400 Bad Request");
  expect(bad.stderr).toContain("  apis[0].scopes[1].name: Name may only contain");

  await writeFile(file, "apis: [unclosed");
  const unparsed = await cli(["config", "apply", file], env);
  expect(unparsed.code).toBe(1);
  expect(unparsed.stderr).toContain("not valid YAML");
});

test("[CLI] a missing, invalid or read-only token, or a console out of reach, exits 1 saying what is wrong", async ({
  request,
  baseURL,
}, testInfo) => {
  const url = baseURL as string;
  const file = testInfo.outputPath("empty.yaml");
  await writeFile(file, "apis: []\n");

  const missing = await cli(["config", "export"], { SCOPE_CONSOLE_URL: url });
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain("SCOPE_CONSOLE_TOKEN is not set");

  const invalid = await cli(["config", "export"], { SCOPE_CONSOLE_URL: url, SCOPE_CONSOLE_TOKEN: "not-a-token" });
  expect(invalid.code).toBe(1);
  expect(invalid.stderr).toContain("Error: 401");
  expect(invalid.stderr).toContain("refused the token in SCOPE_CONSOLE_TOKEN");

  // console:read plans; applying needs console:write.
  const readOnly = { SCOPE_CONSOLE_URL: url, SCOPE_CONSOLE_TOKEN: await consoleToken(request, "console:read") };
  expect((await cli(["config", "plan", file], readOnly)).code).toBe(0);
  await writeFile(file, stringify({ apis: [{ name: uniqueName("cli_denied") }] }));
  const denied = await cli(["config", "apply", file], readOnly);
  expect(denied.code).toBe(1);
  expect(denied.stderr).toContain("Error: 403");
  expect(denied.stderr).toContain("console:write");

  // A port nothing listens on.
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
  const away = await cli(["config", "export", "--url", `http://127.0.0.1:${port}`], { SCOPE_CONSOLE_TOKEN: "x" });
  expect(away.code).toBe(1);
  expect(away.stderr).toContain(`the console at http://127.0.0.1:${port}/ could not be reached (ECONNREFUSED)`);
});

test("[CLI] npx scope-console runs the package's own bin, without the registry", async () => {
  // --yes=false: were the bin not found here, npx would fail instead of fetching a package of that name.
  const version = await cli(["--yes=false", "scope-console", "--version"], {}, undefined, "npx");
  expect(version.stderr).toBe("");
  expect(version.code).toBe(0);
  expect(version.stdout).toBe(`${JSON.parse(await readFile("package.json", "utf8")).version}\n`);
});
