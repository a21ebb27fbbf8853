// `scope-console config export | plan | apply`: a client of the console's HTTP API (GET /api/config,
// POST /api/config/plan, POST /api/config/apply?fingerprint=) with a bearer token. The I/O is here;
// what the arguments mean (args.ts) and what is printed (render.ts) are pure and unit-tested.
// Exit codes: 0 done or nothing to do, 2 a plan with changes pending, 1 any error.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { AppliedConfig, ConfigPlan } from "../config-file/schema";
import { type Command, documentMediaType, helpText, parseCommand, type Target } from "./args";
import { colorWanted, renderApplied, renderFailure, renderPlan, renderUnreachable, styles } from "./render";

export const EXIT = { done: 0, error: 1, changesPending: 2 } as const;

const version = (): string => JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;

const out = styles(colorWanted(process.stdout.isTTY, process.env));
const err = styles(colorWanted(process.stderr.isTTY, process.env));

/** A refusal already printed: the command ends with exit code 1. */
class Failed extends Error {}

const fail = (text: string): never => {
  process.stderr.write(text);
  throw new Failed();
};

/** One request to the console with the token; a refusal or an unreachable console is printed and fails. */
async function call(
  target: Target,
  path: string,
  init: { method?: string; accept?: string; body?: string; type?: string },
) {
  const url = new URL(path, target.url);
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? "GET",
      headers: {
        authorization: `Bearer ${target.token}`,
        accept: init.accept ?? "application/json",
        "user-agent": `scope-console-cli/${version()}`,
        ...(init.type ? { "content-type": init.type } : {}),
      },
      body: init.body,
    });
  } catch (error) {
    return fail(renderUnreachable(target.url, error, err));
  }
  const text = await response.text();
  if (!response.ok) {
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      // Not problem details (a proxy's page): the status says what there is to say.
    }
    fail(
      renderFailure(
        {
          status: response.status,
          statusText: response.statusText,
          wwwAuthenticate: response.headers.get("www-authenticate"),
          body,
        },
        err,
      ),
    );
  }
  return text;
}

async function readDocument(file: string): Promise<{ text: string; type: string }> {
  let text: string;
  try {
    if (file === "-") {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      text = Buffer.concat(chunks).toString("utf8");
    } else text = await readFile(file, "utf8");
  } catch (error) {
    return fail(
      err.remove(`Error: cannot read ${file === "-" ? "standard input" : file}: ${(error as Error).message}\n`),
    );
  }
  return { text, type: documentMediaType(file, text) };
}

async function plan(target: Target, document: { text: string; type: string }): Promise<ConfigPlan> {
  return JSON.parse(
    await call(target, "api/config/plan", { method: "POST", body: document.text, type: document.type }),
  );
}

async function run(command: Command): Promise<number> {
  switch (command.kind) {
    case "help":
      process.stdout.write(helpText(version()));
      return EXIT.done;
    case "version":
      process.stdout.write(`${version()}\n`);
      return EXIT.done;
    case "usage-error":
      process.stderr.write(`${err.remove(`Error: ${command.message}`)}\nSee scope-console --help.\n`);
      return EXIT.error;
    case "export": {
      const accept = command.json ? "application/json" : "application/yaml";
      process.stdout.write(await call(command.target, "api/config", { accept }));
      return EXIT.done;
    }
    case "plan": {
      const planned = await plan(command.target, await readDocument(command.file));
      process.stdout.write(renderPlan(planned, out, command.file));
      return planned.changes.length > 0 ? EXIT.changesPending : EXIT.done;
    }
    case "apply": {
      const document = await readDocument(command.file);
      const planned = await plan(command.target, document);
      process.stdout.write(renderPlan(planned, out));
      if (command.fingerprint && command.fingerprint !== planned.fingerprint)
        fail(
          err.remove(
            `Error: the console is no longer in the state of the plan ${command.fingerprint} that was reviewed; nothing was applied.\n`,
          ) +
            `The plan above is what applying would do now: review it, then apply it with --fingerprint ${planned.fingerprint}.\n`,
        );
      if (planned.changes.length === 0) return EXIT.done;
      const fingerprint = command.fingerprint ?? planned.fingerprint;
      const applied: AppliedConfig = JSON.parse(
        await call(command.target, `api/config/apply?fingerprint=${fingerprint}`, {
          method: "POST",
          body: document.text,
          type: document.type,
        }),
      );
      process.stdout.write(`\n${renderApplied(applied, out)}`);
      return EXIT.done;
    }
  }
}

/** Runs the command of `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    return await run(parseCommand(argv, process.env));
  } catch (error) {
    if (error instanceof Failed) return EXIT.error;
    process.stderr.write(err.remove(`Error: ${error instanceof Error ? error.message : String(error)}\n`));
    return EXIT.error;
  }
}
