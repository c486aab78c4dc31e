// A real OpenID provider for the tests: panva's certified oidc-provider on 127.0.0.1.
// Usage: node tests/oidc_provider.mjs PORT CONFIG.json
// CONFIG: {"jwks": {"keys": [private JWKs]}, "audience": "...",
//          "clients": [{"client_id", "client_secret", "roles": [...], "professional"?, "ttl"?}]}
// Clients get JWT access tokens (RFC 9068) for the audience with the client credentials
// grant; their roles (and professional) are claims of the token. Prints "ready" when
// listening.
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const port = Number(process.argv[2]);
const config = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const issuer = `http://127.0.0.1:${port}`;
const byId = Object.fromEntries(config.clients.map((c) => [c.client_id, c]));

const provider = new Provider(issuer, {
  jwks: config.jwks,
  clients: config.clients.map((c) => ({
    client_id: c.client_id,
    client_secret: c.client_secret,
    grant_types: ['client_credentials'],
    redirect_uris: [],
    response_types: [],
    token_endpoint_auth_method: 'client_secret_post',
    id_token_signed_response_alg: 'ES256',
  })),
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => config.audience,
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, resource, client) => ({
        scope: 'api',
        audience: resource,
        accessTokenFormat: 'jwt',
        accessTokenTTL: byId[client.clientId].ttl ?? 300,
        jwt: { sign: { alg: byId[client.clientId].alg ?? 'ES256' } },
      }),
    },
  },
  extraTokenClaims: (ctx, token) => {
    const client = byId[token.clientId];
    const claims = { roles: client.roles };
    if (client.professional) claims.professional = client.professional;
    return claims;
  },
});
provider.listen(port, '127.0.0.1', () => console.log('ready'));
