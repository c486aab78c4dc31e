// The GraphQL-over-HTTP server audits of graphql-http against a live server.
// Usage: node tests/test_api_http_audit.mjs http://127.0.0.1:PORT/graphql
// Prints one JSON array of {id, name, status, reason}; status is ok, warn or error.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
const results = [];
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  results.push({ id: audit.id, name: audit.name, status: result.status, reason: result.reason ?? null });
}
console.log(JSON.stringify(results));
