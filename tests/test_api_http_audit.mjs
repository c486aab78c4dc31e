// The GraphQL-over-HTTP server audits of graphql-http against a live server.
// Usage: node tests/test_api_http_audit.mjs http://127.0.0.1:PORT/graphql [AUTHORIZATION]
// Prints one JSON array of {id, name, status, reason}; status is ok, warn or error.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
const authorization = process.argv[3];
// Every request carries the caller's Authorization header (the API answers nobody anonymous).
const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers);
  if (authorization) headers.set('authorization', authorization);
  return fetch(input, { ...init, headers });
};
const results = [];
for (const audit of serverAudits({ url, fetchFn })) {
  const result = await audit.fn();
  results.push({ id: audit.id, name: audit.name, status: result.status, reason: result.reason ?? null });
}
console.log(JSON.stringify(results));
