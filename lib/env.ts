// The process configuration, validated once at start-up so that a bad setting fails loudly.
import { z } from "zod";
import { DEFAULT_REFRESH_REUSE_INTERVAL_SECONDS, MAX_REFRESH_REUSE_INTERVAL_SECONDS } from "@/lib/issuing";
import { DEFAULT_TOKEN_REQUESTS_PER_MINUTE } from "@/lib/rate-limit/client-rate-limiter";

/** Reverse proxies one request may pass through on its way here; more is a misconfiguration. */
const MAX_TRUSTED_PROXIES = 10;
/** Worker processes of one server: more than any machine has cores is a mistake. */
const MAX_WORKERS = 256;

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  /** A PostgreSQL server; unset means the embedded database in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default("./.data"),
  /** The issuer URL in discovery and tokens; default http://localhost:PORT. */
  ISSUER: z.url({ protocol: /^https?$/, error: "ISSUER must be an http(s) URL" }).optional(),
  /** Encrypts signing keys at rest (base64, 32 bytes); unset keeps a generated key in DATA_DIR. */
  KEY_ENCRYPTION_KEY: z.string().optional(),
  /** The first user, created when the database has none; without a password one is generated. */
  ADMIN_EMAIL: z.string().optional(),
  ADMIN_PASSWORD: z.string().optional(),
  /**
   * How many reverse proxies stand in front of this server. 0: the client's address is the
   * socket's; N: the Nth entry from the right of X-Forwarded-For (lib/http/client-address.ts).
   */
  TRUST_PROXY: z.coerce.number().int().min(0).max(MAX_TRUSTED_PROXIES).default(0),
  /** Requests per client per minute at /oauth/token and /oauth/revoke, over all processes. */
  TOKEN_RATE_LIMIT: z.coerce.number().int().min(1).default(DEFAULT_TOKEN_REQUESTS_PER_MINUTE),
  /** Count the tokens issued per scope, client and day (the usage views); off only to measure its cost. */
  USAGE_COUNTING: z.enum(["on", "off"], { error: "USAGE_COUNTING must be on or off" }).default("on"),
  /** Worker processes on PORT (lib/server/cluster.ts); unset: its default for the database. */
  WORKERS: z.coerce.number().int().min(1).max(MAX_WORKERS).optional(),
  /** Seconds after a rotation in which a retry with the rotated refresh token gets an answer; 0: never. */
  REFRESH_REUSE_INTERVAL: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_REFRESH_REUSE_INTERVAL_SECONDS)
    .default(DEFAULT_REFRESH_REUSE_INTERVAL_SECONDS),
});

export type Env = z.infer<typeof ZEnv>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = ZEnv.safeParse({
    ...source,
    DATABASE_URL: source.DATABASE_URL || undefined,
    ISSUER: source.ISSUER || undefined,
    KEY_ENCRYPTION_KEY: source.KEY_ENCRYPTION_KEY || undefined,
    TRUST_PROXY: source.TRUST_PROXY || undefined,
    TOKEN_RATE_LIMIT: source.TOKEN_RATE_LIMIT || undefined,
    USAGE_COUNTING: source.USAGE_COUNTING || undefined,
    WORKERS: source.WORKERS || undefined,
    REFRESH_REUSE_INTERVAL: source.REFRESH_REUSE_INTERVAL || undefined,
  });
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

/** The issuer: ISSUER without a trailing slash, or this server on localhost. */
export const issuerOf = (env: Env) => (env.ISSUER ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
