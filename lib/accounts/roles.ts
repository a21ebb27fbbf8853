// Who may do what in the console. `admin`: everything. `owner`: the scopes of the APIs assigned to
// them (and the clients whose scopes all belong to those APIs), lifetimes read-only. `user`: no
// console at all; they only sign in to authorize clients.
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

/** Who is signed in to the console, as every service receives it. */
export interface Actor {
  id: string;
  email: string;
  role: Role;
  /** The APIs a service owner manages (empty for an admin, who manages all). */
  apiIds: string[];
  sessionId: string;
}

/** What a page needs to show the right actions; no session id. */
export type Viewer = Omit<Actor, "sessionId">;
