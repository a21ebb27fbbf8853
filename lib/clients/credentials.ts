// Client identifiers and secrets: random, and secrets kept only as hashes (lib/secrets).
import { randomBytes } from "node:crypto";

/** RFC 9700 / OWASP: a client secret carries 256 bits of randomness. */
export const CLIENT_SECRET_BYTES = 32;
const CLIENT_ID_BYTES = 12;

export const generateClientId = () => `client_${randomBytes(CLIENT_ID_BYTES).toString("base64url")}`;
export const generateClientSecret = () => randomBytes(CLIENT_SECRET_BYTES).toString("base64url");
