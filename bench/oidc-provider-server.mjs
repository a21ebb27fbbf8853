// The peer of `npm run bench:token`: oidc-provider (the certified Node.js implementation) with the
// same client, scope and access token lifetime as the Scope Console bench uses. Not part of the app.
import Provider from "oidc-provider";

const [port, clientId, clientSecret, scope, lifetime] = process.argv.slice(2);
const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      grant_types: ["client_credentials"],
      redirect_uris: [],
      response_types: [],
      scope,
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  scopes: [scope],
  features: {
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    revocation: { enabled: true },
    devInteractions: { enabled: false },
  },
  ttl: { ClientCredentials: Number(lifetime) },
});
provider.listen(Number(port), "127.0.0.1", () => console.log("ready"));
