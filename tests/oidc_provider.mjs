// A real OpenID provider for the tests: panva's certified oidc-provider on 127.0.0.1.
// Usage: node tests/oidc_provider.mjs PORT CONFIG.json
// CONFIG: {"jwks": {"keys": [private JWKs]}, "audience": "...",
//          "clients": [{"client_id", "client_secret", "roles": [...], "professional"?, "ttl"?}]}
//          "users"?: {"LOGIN": {"roles": [...], "professional"?}}}
// Clients get JWT access tokens (RFC 9068) for the audience with the client credentials
// grant; their roles (and professional) are claims of the token. A client with
// "redirect_uris" signs users in instead (authorization code with PKCE): the provider's
// own login page (devInteractions: a known login, any password) and no consent screen
// (first-party client); the user's roles and professional are claims of the access token.
// Prints "ready" when listening.
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const port = Number(process.argv[2]);
const config = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const issuer = `http://127.0.0.1:${port}`;
const byId = Object.fromEntries(config.clients.map((c) => [c.client_id, c]));
const users = config.users ?? {};

const provider = new Provider(issuer, {
  jwks: config.jwks,
  clients: config.clients.map((c) => ({
    client_id: c.client_id,
    client_secret: c.client_secret,
    grant_types: c.redirect_uris ? ['authorization_code'] : ['client_credentials'],
    redirect_uris: c.redirect_uris ?? [],
    response_types: c.redirect_uris ? ['code'] : [],
    token_endpoint_auth_method: 'client_secret_post',
    id_token_signed_response_alg: 'ES256',
  })),
  findAccount: (ctx, id) =>
    users[id] ? { accountId: id, claims: () => ({ sub: id }) } : undefined,
  scopes: ['openid', 'api'],
  // first-party sign-in: the grant is given without a consent screen
  loadExistingGrant: async (ctx) => {
    const grantId =
      ctx.oidc.result?.consent?.grantId ||
      ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid api');
    grant.addResourceScope(config.audience, 'api');
    await grant.save();
    return grant;
  },
  features: {
    devInteractions: { enabled: Object.keys(users).length > 0 },
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
    if (token.accountId) {
      const user = users[token.accountId];
      return user.professional
        ? { roles: user.roles, professional: user.professional }
        : { roles: user.roles };
    }
    const client = byId[token.clientId];
    const claims = { roles: client.roles };
    if (client.professional) claims.professional = client.professional;
    return claims;
  },
});
provider.listen(port, '127.0.0.1', () => console.log('ready'));
