import { describe, expect, it } from "vitest";
import { documentMediaType, helpText, parseCommand } from "./args";

const env = { SCOPE_CONSOLE_URL: "https://console.example.com", SCOPE_CONSOLE_TOKEN: "t0ken" };
const FINGERPRINT = "a".repeat(64);

describe("scope-console arguments", () => {
  it("reads export, plan and apply with the target from the environment", () => {
    const target = { url: new URL("https://console.example.com/"), token: "t0ken" };
    expect(parseCommand(["config", "export"], env)).toEqual({ kind: "export", target, json: false });
    expect(parseCommand(["config", "export", "--json"], env)).toEqual({ kind: "export", target, json: true });
    expect(parseCommand(["config", "plan", "scopes.yaml"], env)).toEqual({ kind: "plan", target, file: "scopes.yaml" });
    expect(parseCommand(["config", "plan", "-"], env)).toEqual({ kind: "plan", target, file: "-" });
    expect(parseCommand(["config", "apply", "scopes.yaml"], env)).toEqual({
      kind: "apply",
      target,
      file: "scopes.yaml",
    });
    expect(parseCommand(["config", "apply", "scopes.yaml", "--fingerprint", FINGERPRINT], env)).toEqual({
      kind: "apply",
      target,
      file: "scopes.yaml",
      fingerprint: FINGERPRINT,
    });
  });

  it("takes --url over SCOPE_CONSOLE_URL, keeping a path the console is served under", () => {
    const command = parseCommand(["config", "export", "--url=http://127.0.0.1:3000/console"], env);
    expect(command).toMatchObject({ kind: "export", target: { url: new URL("http://127.0.0.1:3000/console/") } });
    const url = command.kind === "export" ? command.target.url : null;
    expect(new URL("api/config", url ?? undefined).href).toBe("http://127.0.0.1:3000/console/api/config");
    expect(parseCommand(["config", "plan", "--url", "http://localhost:3000", "x.yaml"], env)).toMatchObject({
      target: { url: new URL("http://localhost:3000/") },
      file: "x.yaml",
    });
  });

  it.each([[[]], [["--help"]], [["-h"]], [["config", "plan", "--help"]]])("%j asks for the help", (argv) =>
    expect(parseCommand(argv, {})).toEqual({ kind: "help" }),
  );

  it("answers the version", () => expect(parseCommand(["--version"], {})).toEqual({ kind: "version" }));

  it.each([
    [["config"], env, "config what?"],
    [["apis", "list"], env, 'Unknown command "apis"'],
    [["config", "import", "x.yaml"], env, 'Unknown command "config import"'],
    [["config", "plan"], env, "config plan needs a document"],
    [["config", "plan", "a.yaml", "b.yaml"], env, 'Unexpected argument "b.yaml"'],
    [["config", "export", "x.yaml"], env, 'Unexpected argument "x.yaml"'],
    [["config", "plan", "x.yaml", "--json"], env, "--json is an option of config export only"],
    [["config", "plan", "x.yaml", "--fingerprint", FINGERPRINT], env, "--fingerprint is an option of config apply"],
    [["config", "apply", "x.yaml", "--fingerprint", "abc"], env, "64 hexadecimal digits"],
    [["config", "export", "--token", "secret"], env, "SCOPE_CONSOLE_TOKEN only"],
    [["config", "export", "--token=secret"], env, "SCOPE_CONSOLE_TOKEN only"],
    [["config", "export", "--verbose"], env, "Unknown option '--verbose'"],
    [["config", "export"], { SCOPE_CONSOLE_TOKEN: "t" }, "Which console?"],
    [["config", "export"], { SCOPE_CONSOLE_URL: "https://c.example" }, "SCOPE_CONSOLE_TOKEN is not set"],
    [["config", "export"], { ...env, SCOPE_CONSOLE_TOKEN: "  " }, "SCOPE_CONSOLE_TOKEN is not set"],
    [["config", "export", "--url", "console.example.com"], env, "is not a URL"],
    [["config", "export", "--url", "ftp://console.example.com"], env, "must be http: or https:"],
    [["config", "export", "--url", "https://me:pw@console.example.com"], env, "may not hold a user or password"],
    [["config", "export", "--url", "https://console.example.com/?x=1"], env, "may not have a query"],
  ])("%j is refused: %s", (argv, environment, message) => {
    const command = parseCommand(argv, environment);
    expect(command.kind).toBe("usage-error");
    expect(command.kind === "usage-error" && command.message).toContain(message);
  });

  it.each([
    ["scopes.json", "apis: []", "application/json"],
    ["scopes.YAML", "{}", "application/yaml"],
    ["scopes.yml", "{}", "application/yaml"],
    ["-", '  {"apis": []}', "application/json"],
    ["-", "apis: []", "application/yaml"],
    ["scopes.txt", "[]", "application/json"],
  ])("%s holding %j is sent as %s", (file, text, type) => expect(documentMediaType(file, text)).toBe(type));

  it("says the exit codes in the help", () => {
    const help = helpText("1.2.3");
    expect(help).toContain("scope-console 1.2.3");
    expect(help).toContain("plan    0 nothing to do, 2 changes pending, 1 error");
    expect(help).toContain("apply   0 applied or nothing to do, 1 error");
  });
});
