// The rows the integration tests build on, made the way the console makes them: APIs, scopes and
// clients through the route handlers (as the test admin, unless `as` says otherwise), users through
// the service behind /api/users. Each factory asserts that it succeeded, and gives every row a name
// of its own: the test files share one database and must not depend on each other's rows.
import { expect } from "vitest";
import * as scopesRoute from "@/app/api/apis/[id]/scopes/route";
import * as apisRoute from "@/app/api/apis/route";
import * as clientsRoute from "@/app/api/clients/route";
import type { ApiDto } from "@/lib/apis/schemas";
import type { ClientWithSecret } from "@/lib/clients/schemas";
import { db } from "@/lib/db/client";
import { DEFAULT_SERVICE_SETTINGS } from "@/lib/issuing";
import { createGrant, newGrantId, storeRefreshToken } from "@/lib/oauth/grant-store";
import type { ScopeDto } from "@/lib/scopes/schemas";
import { createUser as insertUser } from "@/lib/users/create-user";
import { call, unique } from "./call";
import { TEST_PASSWORD, type TestUser } from "./sessions";

/** Fields of a request body; what a factory does not get, it fills in. */
type Fields = Record<string, unknown>;

interface FactoryOptions {
  /** Who creates it: the test admin by default. */
  as?: TestUser;
}

async function created<T>(response: Promise<{ status: number; json: T }>): Promise<T> {
  const { status, json } = await response;
  expect(status, JSON.stringify(json)).toBe(201);
  return json;
}

/** POST /api/apis: by default only a unique name (no display name, description or lifetimes). */
export function createApi(fields: Fields = {}, { as }: FactoryOptions = {}): Promise<ApiDto> {
  return created(call(apisRoute.POST, "POST", "/api/apis", { body: { name: unique("api"), ...fields }, as }));
}

/**
 * POST /api/apis/{apiId}/scopes: by default only a unique name. Without an apiId the scope gets an
 * API of its own.
 */
export async function createScope(
  apiId?: string,
  fields: Fields = {},
  options: FactoryOptions = {},
): Promise<ScopeDto> {
  const id = apiId ?? (await createApi({}, options)).id;
  return created(
    call(scopesRoute.POST, "POST", `/api/apis/${id}/scopes`, {
      params: { id },
      body: { name: unique("scope"), ...fields },
      as: options.as,
    }),
  );
}

/** Fields of a client; the type as a literal, so that the secret's type can follow it. */
type ClientFields = Fields & { type?: "confidential" | "public" | (string & {}) };
/** What a client of these fields has for a secret: none if public, one if confidential. */
type SecretOf<F> = F extends { type: "public" }
  ? undefined
  : F extends { type: "confidential" }
    ? string
    : "type" extends keyof F
      ? string | undefined
      : string;

export interface TestClient<Secret extends string | undefined = string | undefined> {
  /** The row's id, which the console's routes take: /api/clients/{id}. */
  id: string;
  /** The OAuth client_id. */
  clientId: string;
  /** The secret, shown this once; a public client has none. */
  secret: Secret;
  /** The client as POST /api/clients answered. */
  dto: ClientWithSecret;
}

/**
 * POST /api/clients: by default a confidential machine client (client_credentials only) with a
 * unique name, no scopes and no redirect URIs; `fields` replace any of these.
 */
export async function createClient<F extends ClientFields = Record<never, never>>(
  fields: F = {} as F,
  { as }: FactoryOptions = {},
): Promise<TestClient<SecretOf<F>>> {
  const dto: ClientWithSecret = await created(
    call(clientsRoute.POST, "POST", "/api/clients", {
      body: { name: unique("client"), type: "confidential", allowedGrantTypes: ["client_credentials"], ...fields },
      as,
    }),
  );
  const secret = (dto.clientSecret ?? undefined) as SecretOf<F>;
  return { id: dto.id, clientId: dto.clientId, secret, dto };
}

export interface CreatedUser {
  id: string;
  email: string;
  password: string;
}

/**
 * A user with a password, as /api/users and `npm run user:create` create one: by default one who
 * may only authorize applications, with a unique email and TEST_PASSWORD. No session: signedIn()
 * gives a user who is signed in to the console.
 */
export async function createUser({
  email = `${unique("user")}@example.com`,
  password = TEST_PASSWORD,
  role = "user",
  apiIds,
}: Partial<Parameters<typeof insertUser>[1]> = {}): Promise<CreatedUser> {
  const user = await insertUser(db(), { email, password, role, apiIds });
  return { id: user.id, email: user.email, password };
}

/**
 * A grant of the user to the client and its first refresh token, stored as the code exchange
 * stores them (lib/oauth/grant-store.ts), with the service's default lifetimes from `now`: for
 * tests of what follows a sign-in (refresh, introspection) that need no browser.
 */
export async function createUserGrant(grant: { clientId: string; userId: string; scopes: string[]; now: number }) {
  const { clientId, userId, scopes, now } = grant;
  const id = newGrantId();
  const refreshToken = await db().$transaction(async (tx) => {
    await createGrant(tx, {
      id,
      clientId,
      userId,
      scopes,
      issuedAt: now,
      authTime: now,
      tokensExpireAt: now + DEFAULT_SERVICE_SETTINGS.accessTokenLifetime,
    });
    return storeRefreshToken(tx, id, now + DEFAULT_SERVICE_SETTINGS.refreshTokenLifetime);
  });
  return { grantId: id, refreshToken };
}
