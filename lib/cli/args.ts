// The command line's arguments, read without touching anything: argv and the environment in, the
// command to run (or what is wrong with them) out. lib/cli/main.ts does the I/O.
import { parseArgs } from "node:util";

/** Where the console is and the token to show it: from the environment, never from an argument. */
export interface Target {
  url: URL;
  token: string;
}

export type Command =
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "usage-error"; message: string }
  | { kind: "export"; target: Target; json: boolean }
  | { kind: "plan"; target: Target; file: string }
  | { kind: "apply"; target: Target; file: string; fingerprint?: string };

export type Environment = Record<string, string | undefined>;

const FINGERPRINT = /^[0-9a-f]{64}$/;

const usageError = (message: string): Command => ({ kind: "usage-error", message });

/** The console's base URL, with a trailing slash so that `api/config` resolves under its path. */
function consoleUrl(text: string): URL | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `${JSON.stringify(text)} is not a URL: give the console's address, like https://console.example.com.`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return `The console's URL must be http: or https:, not ${url.protocol}`;
  if (url.username || url.password)
    return "The console's URL may not hold a user or password: the token goes in SCOPE_CONSOLE_TOKEN.";
  if (url.search || url.hash) return "The console's URL may not have a query or a fragment.";
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url;
}

/** The target of a command, from --url or SCOPE_CONSOLE_URL and SCOPE_CONSOLE_TOKEN. */
function target(url: string | undefined, env: Environment): Target | string {
  const text = url ?? env.SCOPE_CONSOLE_URL;
  if (!text) return "Which console? Give --url https://console.example.com or set SCOPE_CONSOLE_URL.";
  const parsed = consoleUrl(text);
  if (typeof parsed === "string") return parsed;
  const token = env.SCOPE_CONSOLE_TOKEN?.trim();
  if (!token)
    return "SCOPE_CONSOLE_TOKEN is not set: set it to an access token of a client allowed console:read (export, plan) and console:write (apply).";
  return { url: parsed, token };
}

const readArgs = (argv: readonly string[]) =>
  parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      url: { type: "string" },
      json: { type: "boolean" },
      fingerprint: { type: "string" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" },
    },
  });

/** `scope-console config <export|plan|apply> ...`, or what is wrong with the arguments. */
export function parseCommand(argv: readonly string[], env: Environment): Command {
  let parsed: ReturnType<typeof readArgs>;
  try {
    parsed = readArgs(argv);
  } catch (error) {
    if (argv.some((arg) => arg === "--token" || arg.startsWith("--token=")))
      return usageError("The token is read from SCOPE_CONSOLE_TOKEN only: an argument would show in `ps`.");
    return usageError(error instanceof Error ? error.message.split("\n")[0] : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };
  const [group, verb, file, ...rest] = positionals;
  if (!group) return { kind: "help" };
  if (group !== "config")
    return usageError(`Unknown command "${group}": the commands are config export, plan and apply.`);
  if (verb !== "export" && verb !== "plan" && verb !== "apply")
    return usageError(
      verb ? `Unknown command "config ${verb}": use export, plan or apply.` : "config what? Use export, plan or apply.",
    );
  if (values.json && verb !== "export") return usageError("--json is an option of config export only.");
  if (values.fingerprint !== undefined && verb !== "apply")
    return usageError("--fingerprint is an option of config apply only.");
  if (values.fingerprint !== undefined && !FINGERPRINT.test(values.fingerprint))
    return usageError("--fingerprint takes the 64 hexadecimal digits that config plan prints.");
  if (verb === "export" ? file !== undefined : rest.length > 0)
    return usageError(`Unexpected argument "${verb === "export" ? file : rest[0]}".`);
  if (verb !== "export" && file === undefined)
    return usageError(`config ${verb} needs a document: a .yaml or .json file, or - for standard input.`);
  const to = target(values.url, env);
  if (typeof to === "string") return usageError(to);
  if (verb === "export") return { kind: "export", target: to, json: values.json ?? false };
  if (verb === "plan") return { kind: "plan", target: to, file };
  return { kind: "apply", target: to, file, ...(values.fingerprint ? { fingerprint: values.fingerprint } : {}) };
}

/** How to send a document: JSON by its extension, else by its first character; YAML otherwise. */
export function documentMediaType(file: string, text: string): "application/json" | "application/yaml" {
  if (/\.json$/i.test(file)) return "application/json";
  if (/\.ya?ml$/i.test(file)) return "application/yaml";
  return /^\s*[[{]/.test(text) ? "application/json" : "application/yaml";
}

export const helpText = (version: string) => `scope-console ${version}: Scope Console's configuration as code.

Usage:
  scope-console config export [--json] > scopes.yaml
  scope-console config plan <file>
  scope-console config apply <file> [--fingerprint <fingerprint>]

Commands:
  config export   Print the console's whole configuration as YAML (--json: as JSON).
  config plan     Show what applying the document would change. <file> is a .yaml or
                  .json file, or - for standard input.
  config apply    Plan the document, print the plan, then apply it in one transaction.
                  With --fingerprint (config plan prints it), only if the console is
                  still in the state of that plan, reviewed earlier.

Options:
  --url <url>     The console, e.g. https://console.example.com (default: SCOPE_CONSOLE_URL).
  -h, --help      This help.
  -v, --version   The version.

Environment:
  SCOPE_CONSOLE_URL    The console, when --url is not given.
  SCOPE_CONSOLE_TOKEN  An access token of a client allowed console:read (export, plan)
                       and console:write (apply). Never an argument: \`ps\` would show it.
  NO_COLOR             No colours (they are used only when the output is a terminal).

Exit codes:
  export  0 printed, 1 error
  plan    0 nothing to do, 2 changes pending, 1 error
  apply   0 applied or nothing to do, 1 error
`;
