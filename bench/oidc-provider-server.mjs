// The peer of `npm run bench:token`: oidc-provider (the certified Node.js implementation) with the
// same client, scope and lifetimes as the Scope Console bench uses. Not part of the app.
//
// Usage: node bench/oidc-provider-server.mjs PORT CLIENT_ID SECRET SCOPE ACCESS_LIFETIME REFRESH_COUNT
// Before it prints "ready" it mints REFRESH_COUNT rotating refresh tokens, each from its own grant
// as an authorization code exchange would leave it, and serves them once at GET /bench/refresh-tokens.
import { createServer } from "node:http";
import Provider from "oidc-provider";

const [port, clientId, clientSecret, scope, lifetime, refreshCount] = process.argv.slice(2);
const REDIRECT_URI = "http://127.0.0.1:9/callback";
const ACCOUNT = "bench-user";

// oidc-provider's own memory adapter is an LRU of 1,000 entries, too few for the minted tokens:
// this one keeps everything, which is also the cheapest storage the peer can have.
const store = new Map();
const grantMembers = new Map();
class MapAdapter {
  constructor(model) {
    this.model = model;
  }
  key(id) {
    return `${this.model}:${id}`;
  }
  async upsert(id, payload) {
    store.set(this.key(id), payload);
    if (payload.grantId) {
      const members = grantMembers.get(payload.grantId) ?? [];
      members.push(this.key(id));
      grantMembers.set(payload.grantId, members);
    }
  }
  async find(id) {
    return store.get(this.key(id));
  }
  async findByUid() {
    return undefined;
  }
  async findByUserCode() {
    return undefined;
  }
  async consume(id) {
    const payload = store.get(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id) {
    store.delete(this.key(id));
  }
  async revokeByGrantId(grantId) {
    for (const key of grantMembers.get(grantId) ?? []) store.delete(key);
    grantMembers.delete(grantId);
  }
}

const provider = new Provider(`http://127.0.0.1:${port}`, {
  adapter: MapAdapter,
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      grant_types: ["client_credentials", "authorization_code", "refresh_token"],
      redirect_uris: [REDIRECT_URI],
      response_types: ["code"],
      scope,
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  scopes: ["openid", "offline_access", scope],
  rotateRefreshToken: true,
  features: {
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    revocation: { enabled: true },
    devInteractions: { enabled: false },
  },
  // Scope Console's service defaults for a grant without offline_access: a 30-minute refresh
  // token in a grant that lives at most 10 hours.
  ttl: {
    ClientCredentials: Number(lifetime),
    AccessToken: Number(lifetime),
    RefreshToken: 1_800,
    Grant: 36_000,
  },
});

const client = await provider.Client.find(clientId);
const refreshTokens = [];
for (let i = 0; i < Number(refreshCount ?? 0); i++) {
  const grant = new provider.Grant({ accountId: ACCOUNT, clientId });
  grant.addOIDCScope(scope);
  const grantId = await grant.save();
  const token = new provider.RefreshToken({
    accountId: ACCOUNT,
    authTime: Math.floor(Date.now() / 1000),
    client,
    grantId,
    gty: "authorization_code",
    scope,
  });
  refreshTokens.push(await token.save());
}

const app = provider.callback();
createServer((request, response) => {
  if (request.url === "/bench/refresh-tokens") {
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify(refreshTokens.splice(0)));
    return;
  }
  app(request, response);
}).listen(Number(port), "127.0.0.1", () => console.log("ready"));
