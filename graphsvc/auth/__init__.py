"""Who is asking: token verification, callers, roles and the access policy.

A request is authenticated once, in :class:`graphsvc.auth.middleware.Authenticate`,
which puts a :class:`~graphsvc.store.Caller` on the request. Tokens are
verified with PyJWT (``graphsvc.auth.tokens``): bearer JWTs of the configured
OpenID Connect issuer against its JWKS, and in development JWTs signed by a
local development key. Service accounts present static tokens that are
compared by hash. What a caller may see is decided in Cypher by
:class:`graphsvc.auth.policy.RolePolicy`.
"""
