// Who may do what in the console. `admin`: everything. `owner`: the scopes of the APIs assigned to
// them (and the clients whose scopes all belong to those APIs), lifetimes read-only. `user`: no
// console at all; they only sign in to authorize clients.
import { z } from "zod";

export const ROLES = ["admin", "owner", "user"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  owner: "Service owner",
  user: "User (sign-in to applications only)",
};

/** The roles that may open the console. */
export const CONSOLE_ROLES: ReadonlySet<string> = new Set<Role>(["admin", "owner"]);

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Who calls the console, as a page (and GET /api/session) sees it: what it needs to show the right actions. */
export const ZViewer = z.object({
  kind: z
    .enum(["user", "client"])
    .describe(
      "A signed-in person, or a machine with a bearer token of the console's own API (console:read / console:write).",
    ),
  id: z.string().describe("The user's id, or the OAuth client's."),
  email: z.string().describe("How the audit log names them: the user's email, or the client's client_id."),
  role: z.enum(ROLES),
  apiIds: z.array(z.string()).describe("The APIs a service owner manages (empty for an admin, who manages all)."),
});
export type Viewer = z.infer<typeof ZViewer>;

/**
 * Who calls the console, as every service receives it: a signed-in person (`user`), or a machine
 * presenting an access token of the console's own API (`client`, lib/accounts/console-api.ts),
 * which acts as an admin within its token's scopes.
 */
export interface Actor extends Viewer {
  /** The browser's session; null for a machine with a bearer token. */
  sessionId: string | null;
}
