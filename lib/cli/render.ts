// What the command line prints, as pure functions of what the console answered: a plan as
// Terraform prints one (`+ create`, `~ update` field by field, `- delete` with what it reaches), an
// apply's outcome with the new clients' secrets, and refusals with each bad field's path.
// The types are the server's own (type-only imports: nothing of the server runs here).
import type { Problem } from "../api/problem";
import type { AppliedConfig, ConfigPlan, PlannedChange } from "../config-file/schema";
import { formatDuration } from "../duration";

export interface Style {
  create(text: string): string;
  update(text: string): string;
  remove(text: string): string;
  strong(text: string): string;
  faint(text: string): string;
}

const ansi = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
const plain = (text: string) => text;

/** Colours only for a terminal, and never with NO_COLOR (https://no-color.org: set and not empty). */
export const colorWanted = (isTTY: boolean | undefined, env: Record<string, string | undefined>) =>
  Boolean(isTTY) && !env.NO_COLOR;

export const styles = (color: boolean): Style =>
  color
    ? { create: ansi(32), update: ansi(33), remove: ansi(31), strong: ansi(1), faint: ansi(2) }
    : { create: plain, update: plain, remove: plain, strong: plain, faint: plain };

const MARKS: Record<PlannedChange["action"], { mark: string; paint: keyof Style }> = {
  create: { mark: "+", paint: "create" },
  update: { mark: "~", paint: "update" },
  delete: { mark: "-", paint: "remove" },
};

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** A value as the document holds it (strings quoted), a lifetime also in human units. */
export function valueText(field: string, value: unknown): string {
  if (value === undefined) return "null";
  const text = Array.isArray(value)
    ? `[${value.map((item) => JSON.stringify(item)).join(", ")}]`
    : JSON.stringify(value);
  if (typeof value === "number" && /Lifetime$/.test(field) && Number.isSafeInteger(value) && value >= 0)
    return `${text} (${formatDuration(value)})`;
  return text;
}

const isList = (value: unknown): value is unknown[] =>
  Array.isArray(value) && value.every((item) => item === null || typeof item !== "object");

/** The lines of one field of a change, indented under it. */
function fieldLines(change: PlannedChange, field: string, style: Style): string[] {
  const { before, after } = change.fields[field];
  if (change.action === "create") return [`    ${field}: ${valueText(field, after)}`];
  if (change.action === "delete") return [`    ${field}: ${valueText(field, before)}`];
  if (isList(before) && isList(after)) {
    // A list shows what joins and what leaves it; a list only reordered shows both orders.
    const key = (item: unknown) => JSON.stringify(item);
    const added = after.filter((item) => !before.map(key).includes(key(item)));
    const removed = before.filter((item) => !after.map(key).includes(key(item)));
    if (added.length + removed.length > 0)
      return [
        `    ${field}:`,
        ...added.map((item) => style.create(`      + ${valueText(field, item)}`)),
        ...removed.map((item) => style.remove(`      - ${valueText(field, item)}`)),
      ];
  }
  return [`    ${field}: ${valueText(field, before)} → ${valueText(field, after)}`];
}

/** What deleting it reaches, as the console's delete dialog says it. */
export function impactText(impact: NonNullable<PlannedChange["impact"]>): string {
  const { allowedClients, consents, liveGrants } = impact;
  if (allowedClients + consents + liveGrants === 0) return "in use by no client, consent or live grant";
  return `in use: allowed to ${plural(allowedClients, "client")}, in ${plural(consents, "consent")} and ${plural(liveGrants, "live grant")}`;
}

export function changeLines(change: PlannedChange, style: Style): string[] {
  const { mark, paint } = MARKS[change.action];
  const what = change.resourceType === "settings" ? "settings" : `${change.resourceType} ${change.name}`;
  return [
    style[paint](`${mark} ${change.action} ${style.strong(what)}`),
    ...(change.impact ? [style.remove(`    ! ${impactText(change.impact)}`)] : []),
    ...Object.keys(change.fields).flatMap((field) => fieldLines(change, field, style)),
  ];
}

const count = (changes: PlannedChange[], action: PlannedChange["action"]) =>
  changes.filter((change) => change.action === action).length;

export const planSummary = (changes: PlannedChange[]) =>
  `Plan: ${count(changes, "create")} to create, ${count(changes, "update")} to update, ${count(changes, "delete")} to delete.`;

/**
 * A plan, one block per change, then the summary and the fingerprint. With `file`, how to apply
 * exactly this plan later (config apply refuses it once the console has moved on).
 */
export function renderPlan(plan: ConfigPlan, style: Style, file?: string): string {
  if (plan.changes.length === 0) return "No changes: the console already is as the document says.\n";
  const blocks = plan.changes.map((change) => changeLines(change, style).join("\n"));
  const summary = [style.strong(planSummary(plan.changes)), style.faint(`Fingerprint: ${plan.fingerprint}`)];
  if (file !== undefined)
    summary.push(
      "",
      "To apply exactly this plan, and only while the console is still in the state it was made from:",
      `  npx scope-console config apply ${/^[\w./:@=-]+$/.test(file) ? file : `'${file.replace(/'/g, "'\\''")}'`} --fingerprint ${plan.fingerprint}`,
    );
  return `${blocks.join("\n\n")}\n\n${summary.join("\n")}\n`;
}

/** What an apply made, and each new confidential client's secret: the only time it is shown. */
export function renderApplied(applied: AppliedConfig, style: Style): string {
  const { changes, secrets } = applied;
  const lines = [
    style.strong(
      `Applied: ${count(changes, "create")} created, ${count(changes, "update")} updated, ${count(changes, "delete")} deleted.`,
    ),
  ];
  if (secrets.length > 0) {
    lines.push(
      "",
      style.update(
        `New client ${secrets.length === 1 ? "secret" : "secrets"}, shown this once (the console keeps only a hash): store ${secrets.length === 1 ? "it" : "them"} now.`,
      ),
    );
    for (const { clientId, clientSecret } of secrets)
      lines.push(`  client_id:     ${clientId}`, `  client_secret: ${clientSecret}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The parameters of a `WWW-Authenticate: Bearer ...` challenge (RFC 6750 section 3); null if none. */
export function bearerChallenge(header: string | null): Record<string, string> | null {
  const match = header?.match(/(?:^|,)\s*Bearer\b(.*)$/i);
  if (!match) return null;
  const params: Record<string, string> = {};
  for (const [, name, quoted, bare] of match[1].matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]+))/g))
    params[name.toLowerCase()] = quoted === undefined ? bare : quoted.replace(/\\(.)/g, "$1");
  return params;
}

const GET_A_TOKEN =
  "get one from the console's POST /oauth/token (client_credentials) for a client allowed console:read (export, plan) and console:write (apply)";

/**
 * What to do about the token, from the challenge of a 401 or 403 (RFC 6750 3.1); null when it
 * says nothing. Its description is quoted unless the problem's detail already said it.
 */
function tokenTrouble(status: number, challenge: Record<string, string> | null, detail?: string): string | null {
  if (!challenge || (status !== 401 && status !== 403)) return null;
  const description = challenge.error_description;
  const said = description && description !== detail ? `: ${description.replace(/\.$/, "")}` : "";
  switch (challenge.error) {
    case "invalid_token":
      return `The console refused the token in SCOPE_CONSOLE_TOKEN (invalid_token${said}): ${GET_A_TOKEN}.`;
    case "insufficient_scope":
      return `The token in SCOPE_CONSOLE_TOKEN lacks the scope ${challenge.scope ?? "this needs"} (insufficient_scope${said}): export and plan need console:read, apply console:write; allow it to the client and ask for it when getting the token (scope=console:read console:write).`;
    case undefined:
      return `The console wants a bearer token in SCOPE_CONSOLE_TOKEN: ${GET_A_TOKEN}.`;
    default:
      return `The console could not use the token in SCOPE_CONSOLE_TOKEN (${challenge.error}${said}): ${GET_A_TOKEN}.`;
  }
}

const isProblem = (body: unknown): body is Partial<Problem> => typeof body === "object" && body !== null;

/**
 * A refusal of the console, for standard error: its problem details' title and detail, each
 * field error by its path in the document (`apis[0].scopes[1].name: ...`), and what is wrong with
 * the token when the challenge says so.
 */
export function renderFailure(
  response: { status: number; statusText: string; wwwAuthenticate: string | null; body: unknown },
  style: Style,
): string {
  const problem = isProblem(response.body) ? response.body : {};
  const title = typeof problem.title === "string" ? problem.title : response.statusText || "Error";
  const lines = [style.remove(`Error: ${response.status} ${title}${problem.detail ? `: ${problem.detail}` : ""}`)];
  for (const [path, messages] of Object.entries(problem.errors ?? {}))
    lines.push(`  ${style.strong(path)}: ${[messages].flat().join(" ")}`);
  const trouble = tokenTrouble(response.status, bearerChallenge(response.wwwAuthenticate), problem.detail);
  if (trouble) lines.push(trouble);
  return `${lines.join("\n")}\n`;
}

/** fetch's own failure: DNS, refused connection, TLS. */
export function renderUnreachable(url: URL, error: unknown, style: Style): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const why = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `${style.remove(`Error: the console at ${url.origin}${url.pathname} could not be reached (${why}).`)}\nCheck --url or SCOPE_CONSOLE_URL, and that the console runs.\n`;
}
