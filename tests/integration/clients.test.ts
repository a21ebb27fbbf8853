import { describe, expect, it } from "vitest";
import * as clientRoute from "@/app/api/clients/[id]/route";
import * as secretRoute from "@/app/api/clients/[id]/secret/route";
import * as clientsRoute from "@/app/api/clients/route";
import { db } from "@/lib/db/client";
import { hashSecret } from "@/lib/secrets/hash";
import { call, unique } from "./call";
import { createClient, createScope } from "./factories";

const validClient = (overrides: Record<string, unknown> = {}) => ({
  name: "Invoice app",
  type: "confidential",
  redirectUris: ["https://app.example/callback", "http://localhost:8080/cb"],
  allowedScopes: [],
  allowedGrantTypes: ["authorization_code", "refresh_token", "client_credentials"],
  ...overrides,
});

/** The request these tests are about: its answer, whatever it is. */
const postClient = (body: unknown) => call(clientsRoute.POST, "POST", "/api/clients", { body });

describe("/api/clients", () => {
  it("creates a confidential client whose 256-bit secret is shown once and stored only as a hash", async () => {
    const scope = (await createScope()).name;
    const { status, json } = await postClient(validClient({ allowedScopes: [scope], accessTokenLifetime: "15 min" }));
    expect(status).toBe(201);
    expect(json.clientId).toMatch(/^client_/);
    expect(Buffer.from(json.clientSecret, "base64url")).toHaveLength(32);
    expect(json).toMatchObject({ hasSecret: true, allowedScopes: [scope], accessTokenLifetime: 900 });

    const stored = await db().oAuthClient.findUniqueOrThrow({ where: { id: json.id } });
    expect(stored.secretHash).toBe(hashSecret(json.clientSecret));
    expect(JSON.stringify(stored)).not.toContain(json.clientSecret);
    const fetched = await call(clientRoute.GET, "GET", `/api/clients/${json.id}`, { params: { id: json.id } });
    expect(fetched.json.clientSecret).toBeUndefined();
    expect(JSON.stringify(fetched.json)).not.toContain(stored.secretHash);
  });

  it("a public client gets no secret", async () => {
    const { json } = await postClient(validClient({ type: "public", allowedGrantTypes: ["authorization_code"] }));
    expect(json).toMatchObject({ clientSecret: null, hasSecret: false });
  });

  it("regenerating a secret replaces the old one", async () => {
    const created = await createClient(validClient());
    const params = { id: created.id };
    const regenerated = await call(secretRoute.POST, "POST", `/api/clients/${created.id}/secret`, { params });
    expect(regenerated.status).toBe(200);
    expect(regenerated.json.clientSecret).not.toBe(created.secret);
    const stored = await db().oAuthClient.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.secretHash).toBe(hashSecret(regenerated.json.clientSecret));
  });

  it.each([
    ["an http redirect URI off the loopback", { redirectUris: ["http://app.example/cb"] }, "redirectUris.0"],
    ["a redirect URI with a fragment", { redirectUris: ["https://app.example/cb#x"] }, "redirectUris.0"],
    ["a relative redirect URI", { redirectUris: ["/callback"] }, "redirectUris.0"],
    ["authorization_code without redirect URIs", { redirectUris: [] }, "redirectUris"],
    [
      "a public client with client_credentials",
      { type: "public", allowedGrantTypes: ["client_credentials"] },
      "allowedGrantTypes",
    ],
    ["no grant type", { allowedGrantTypes: [] }, "allowedGrantTypes"],
    ["an unknown grant type", { allowedGrantTypes: ["password"] }, "allowedGrantTypes.0"],
    ["an unknown scope", { allowedScopes: ["no_such_scope_anywhere"] }, "allowedScopes"],
    ["an unknown type", { type: "spa" }, "type"],
    ["a secret sent by the caller", { clientSecret: "mine" }, "_"],
  ])("refuses %s with 400 on %s and writes nothing", async (_label, overrides, field) => {
    const before = await db().oAuthClient.count();
    const { status, json } = await postClient(validClient(overrides));
    expect(status).toBe(400);
    expect(Object.keys(json.errors)).toContain(field);
    expect(await db().oAuthClient.count()).toBe(before);
  });

  it("updates a client, keeping its cross-field rules, and deletes it", async () => {
    const created = await createClient(validClient());
    const params = { id: created.id };
    const path = `/api/clients/${created.id}`;
    const updated = await call(clientRoute.PATCH, "PATCH", path, {
      params,
      body: { name: "Renamed", redirectUris: ["https://other.example/cb"], version: created.dto.version },
    });
    expect(updated.json).toMatchObject({ name: "Renamed", redirectUris: ["https://other.example/cb"] });
    const { version } = updated.json;
    const emptied = await call(clientRoute.PATCH, "PATCH", path, { params, body: { redirectUris: [], version } });
    expect(emptied.status).toBe(400);
    const retyped = await call(clientRoute.PATCH, "PATCH", path, { params, body: { type: "public", version } });
    expect(retyped.status).toBe(400);

    expect((await call(clientRoute.DELETE, "DELETE", path, { params })).status).toBe(204);
    expect((await call(clientRoute.GET, "GET", path, { params })).status).toBe(404);
  });

  it("keeps postLogoutRedirectUris, by the redirect URIs' rules, and takes back what GET answers", async () => {
    const created = await createClient(
      validClient({ postLogoutRedirectUris: "https://app.example/bye\nhttps://app.example/bye" }),
    );
    expect(created.dto.postLogoutRedirectUris).toEqual(["https://app.example/bye"]);
    const params = { id: created.id };
    const path = `/api/clients/${created.id}`;
    const got = await call(clientRoute.GET, "GET", path, { params });
    expect(got.json.postLogoutRedirectUris).toEqual(["https://app.example/bye"]);
    const { clientSecret: _secret, ...asGot } = got.json;
    const back = await call(clientRoute.PATCH, "PATCH", path, {
      params,
      body: { ...asGot, postLogoutRedirectUris: ["http://localhost:3000/signed-out"] },
    });
    expect(back.status, JSON.stringify(back.json)).toBe(200);
    expect(back.json.postLogoutRedirectUris).toEqual(["http://localhost:3000/signed-out"]);
    for (const uri of ["http://app.example/bye", "https://app.example/bye#x", "/bye", "javascript:alert(1)"]) {
      const refused = await postClient(validClient({ postLogoutRedirectUris: [uri] }));
      expect(refused.status, uri).toBe(400);
      expect(Object.keys(refused.json.errors ?? {}).join(), uri).toMatch(/^postLogoutRedirectUris/);
      const patched = await call(clientRoute.PATCH, "PATCH", path, {
        params,
        body: { postLogoutRedirectUris: [uri], version: back.json.version },
      });
      expect(patched.status, uri).toBe(400);
    }
  });

  it("lists and searches clients", async () => {
    const name = unique("Searchable");
    await createClient(validClient({ name }));
    const { json } = await call(clientsRoute.GET, "GET", `/api/clients?q=${name}`);
    expect(json.total).toBe(1);
    expect(json.items[0].name).toBe(name);
    expect(json.items[0].secretHash).toBeUndefined();
  });
});
