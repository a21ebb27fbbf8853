// Password length rules, shared by the forms in the browser and the server (no hashing here).
export const MIN_PASSWORD_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing stays cheap. */
export const MAX_PASSWORD_LENGTH = 256;

/** What the password fields say of the rule. */
export const PASSWORD_HINT = `At least ${MIN_PASSWORD_LENGTH} characters.`;
