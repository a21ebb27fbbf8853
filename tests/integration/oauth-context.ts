import type { ChangeSignal } from "@/lib/config/change";
import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createOAuthContext } from "@/lib/oauth/create-context";

/** One key-encryption key for every test file: they share the database and its signing keys. */
export const TEST_KEK = Buffer.alloc(32, 7);

/**
 * The protocol path as a test calls it: the shared key, the test's clock, and a configuration
 * cache that reloads whenever the configuration changed (no polling delay).
 */
export function testOAuthContext(
  issuer: string,
  now: () => number,
  options: {
    prisma?: PrismaClient;
    tokenRateLimit?: number;
    signal?: ChangeSignal;
    usageCounting?: boolean;
    refreshReuseInterval?: number;
  } = {},
) {
  return createOAuthContext({
    issuer,
    prisma: options.prisma ?? db(),
    kek: TEST_KEK,
    now,
    pollMs: 0,
    tokenRateLimit: options.tokenRateLimit,
    signal: options.signal,
    usageCounting: options.usageCounting,
    refreshReuseInterval: options.refreshReuseInterval,
  });
}

/** A form POST to a protocol endpoint as a confidential client, authenticated with client_secret_basic. */
export function basicClientRequest(
  url: string,
  client: { clientId: string; secret: string },
  params: Record<string, string>,
): Request {
  return new Request(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.secret}`).toString("base64")}`,
    },
    body: new URLSearchParams(params).toString(),
  });
}
