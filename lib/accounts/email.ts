// How an account's email is compared and how long it may be: one rule for every sign-in, the
// Users page, the audit log's filter and the rate limit's account key.

/** RFC 5321's limit on a forward path, which bounds any address a person can receive mail at. */
export const MAX_EMAIL_LENGTH = 320;

/** Accounts are stored lower-case and trimmed; a sign-in compares the same way. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();
