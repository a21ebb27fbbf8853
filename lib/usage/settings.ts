// The numbers of scope usage, in one place: how often counts reach the database (and so how
// much a figure may lag), and the windows the console asks about.

/** Each process adds its in-memory counts to the database this often, and when it stops. */
export const USAGE_FLUSH_MS = 5_000;
/** The usage view's window unless `days` says otherwise, and the longest one it accepts. */
export const DEFAULT_USAGE_DAYS = 30;
export const MAX_USAGE_DAYS = 365;
/** Access review: an allowed scope not granted to the client in this many days is unused. */
export const DEFAULT_REVIEW_DAYS = 90;
/** The Deprecations page names the clients that still requested a scope in this many days. */
export const DEPRECATION_CLIENT_DAYS = 30;
/** The Clients page asks for the review of one page of clients at once: at most this many. */
export const MAX_REVIEW_CLIENTS = 100;
