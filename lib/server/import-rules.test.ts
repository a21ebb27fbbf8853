// The import rules (.dependency-cruiser.cjs) catch what they forbid: each forbidden import, made
// in a throw-away tree laid out like this one, is reported by the rule that names it. (`npm test`
// runs the rules over the real tree in its "import rules" step; this shows they are not vacuous.)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { cruise, type IConfiguration } from "dependency-cruiser";
import { afterAll, describe, expect, it } from "vitest";

const root = path.join(import.meta.dirname, "../..");
const config: IConfiguration = createRequire(import.meta.url)(path.join(root, ".dependency-cruiser.cjs"));
const tree = mkdtempSync(path.join(tmpdir(), "import-rules-"));
afterAll(() => rmSync(tree, { recursive: true, force: true }));

/** Lays out files (path -> the relative modules it imports) and returns the rules they break. */
async function violations(files: Record<string, string[]>): Promise<string[]> {
  const dir = mkdtempSync(path.join(tree, "case-"));
  for (const [file, imports] of Object.entries(files)) {
    mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    const lines = imports.map((target) => {
      const relative = path.relative(path.dirname(file), target).replace(/\.ts$/, "");
      return `import "${relative.startsWith(".") ? relative : `./${relative}`}";`;
    });
    writeFileSync(path.join(dir, file), `${lines.join("\n")}\nexport const x = 1;\n`);
  }
  const { options } = config;
  const result = await cruise(Object.keys(files), {
    ruleSet: { forbidden: config.forbidden },
    baseDir: dir,
    validate: true,
    exclude: options?.exclude,
    tsPreCompilationDeps: true,
  });
  if (typeof result.output === "string") throw new Error(result.output);
  return [...new Set(result.output.summary.violations.map((violation) => violation.rule.name))].sort();
}

describe("the import rules", () => {
  it("accept both stacks standing on the floor", async () => {
    expect(
      await violations({
        "lib/oauth/token.ts": ["lib/accounts/sessions.ts", "lib/issuing/decide.ts"],
        "lib/auth/actor.ts": ["lib/accounts/sessions.ts"],
        "lib/accounts/sessions.ts": ["lib/time/epoch.ts"],
        "lib/issuing/decide.ts": [],
        "lib/time/epoch.ts": [],
      }),
    ).toEqual([]);
  });

  it.each([
    ["lib/oauth/authorize.ts", "lib/users/authenticate-user.ts", "protocol-not-console"],
    ["lib/token-preview/preview-token.ts", "lib/oauth/context.ts", "console-not-protocol"],
    ["lib/accounts/sessions.ts", "lib/oauth/opaque-tokens.ts", "floor-owns-no-stack"],
    ["lib/config/load.ts", "lib/scopes/scope-dto.ts", "floor-owns-no-stack"],
    ["lib/issuing/decide.ts", "lib/db/client.ts", "issuing-is-pure"],
    ["lib/usage/recorder.ts", "lib/auth/permissions.ts", "usage-recorder-not-console"],
    ["lib/usage/recorder.ts", "lib/usage/review.ts", "usage-recorder-not-console"],
    ["lib/cli/main.ts", "lib/config-file/plan.ts", "cli-is-an-http-client"],
    ["lib/cli/render.ts", "lib/errors.ts", "cli-is-an-http-client"],
    ["bin/scope-console.mjs", "server.ts", "cli-is-an-http-client"],
  ])("refuse %s importing %s (%s)", async (from, to, rule) => {
    expect(await violations({ [from]: [to], [to]: [] })).toContain(rule);
  });

  it("accept the command line on the pure lib/duration.ts", async () => {
    expect(await violations({ "lib/cli/render.ts": ["lib/duration.ts"], "lib/duration.ts": [] })).toEqual([]);
  });

  it("refuse two folders that import each other round a loop", async () => {
    expect(
      await violations({
        "lib/auth/actor.ts": ["lib/users/update-user.ts"],
        "lib/users/update-user.ts": ["lib/auth/permissions.ts"],
        "lib/auth/permissions.ts": [],
      }),
    ).toContain("no-folder-loops");
  });
});
