"""What the request path's protections cost: the lookup and client-network queries
served with and without them, side by side in one run.

Four servers on one generated region (10k clients by default), each one uvicorn process
started from :mod:`benchmarks.variants`, all in production mode:

- ``bare``: no limits, no guards, no access control (the request path before them);
- ``limits``: the schema's limits and the request guards (body, rate, timeout, security
  headers), no access control;
- ``admin``: everything on, read with an admin service account (token check and the
  audit record of every read; no visibility predicates);
- ``professional``: everything on, read by a professional signed in through an
  OpenID issuer (the token verified against the issuer's JWKS, the visibility
  predicates in every Cypher pattern, the audit record and the withheld counts).

wrk drives each server in turn (32 connections for 10 s) over the professional's own
clients, in rounds that alternate the servers (each round starting with the next), so
drift on this shared machine falls on all of them alike; each figure is the median over
the rounds. Besides throughput and latency it reports the server process's CPU time per
request (from /proc), which the other processes on the machine disturb far less. The
targets: limits and guards cost at most 5 % of the bare figure; access control at most
15 % of the figure without it (``professional`` against ``limits``).

The issuer is a small HTTP server in this process serving a discovery document and
a JWKS; its ES256 key signs the professional's token with PyJWT.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import jwt
import neo4j
from cryptography.hazmat.primitives.asymmetric import ec

from benchmarks.common import (
    AUTHORIZATION,
    cpu_seconds,
    database_env,
    free_port,
    production_env,
    run_on_store,
    variant_server,
)
from graphsvc.settings import Settings

CLIENTS = int(os.environ.get("GRAPHSVC_BENCH_OVERHEAD_CLIENTS", "10000"))
SEED = 7
HOME = Path(f"/tmp/graphsvc-bench-gaps-{CLIENTS}")
"""The gap benchmark's store: the same generated region, loaded once for both."""
ROUNDS = int(os.environ.get("GRAPHSVC_BENCH_OVERHEAD_ROUNDS", "3"))
SECONDS = 10
CONNECTIONS = 32
AUDIENCE = "graphsvc"

LOOKUP = "query($id: ID!) { client(id: $id) { id name birthDate } }"
NETWORK = """query($id: ID!) { client(id: $id) { id name
  episodes { id status service { name provider { name } } }
  responsibilities { role professional { name } } plans { id kind } } }"""
QUERIES = {"lookup by id": LOOKUP, "client network": NETWORK}

VARIANTS = {
    "bare": "bare",
    "limits": "without_access_control",
    "admin": "production",
    "professional": "production",
}

BUSIEST = """MATCH (p:Professional)-[:HOLDS]->(r:Responsibility)-[:FOR]->(c:Client)
WHERE r.valid_to IS NULL
WITH p, collect(DISTINCT c.id) AS clients
ORDER BY size(clients) DESC, p.id LIMIT 1
RETURN p.id AS professional, clients"""


def run() -> None:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("the overhead benchmark needs Debian's wrk (apt-get install wrk)")
    run_on_store(HOME, CLIENTS, SEED, lambda settings: _bench(settings, wrk))


async def _bench(settings: Settings, wrk: str) -> None:
    auth = None if settings.password is None else (settings.neo4j_user, settings.password)
    with neo4j.GraphDatabase.driver(settings.uri, auth=auth) as driver:
        records, _, _ = driver.execute_query(
            BUSIEST, database_=settings.neo4j_database, routing_="r"
        )
    professional, clients = records[0]["professional"], sorted(records[0]["clients"])
    print(f"{CLIENTS} clients; {professional} holds a responsibility for {len(clients)}")
    with _issuer() as (issuer, key), ExitStack() as servers:
        env = production_env() | database_env(settings)
        env |= {"GRAPHSVC_OIDC_ISSUER": issuer, "GRAPHSVC_OIDC_AUDIENCE": AUDIENCE}
        # the first reads wait while Neo4j plans them (a minute on a busy machine)
        env |= {"GRAPHSVC_REQUEST_TIMEOUT": "300"}
        started = {
            name: servers.enter_context(variant_server(factory, env))
            for name, factory in VARIANTS.items()
        }
        urls = {name: url for name, (url, _) in started.items()}
        pids = {name: pid for name, (_, pid) in started.items()}
        token = _token(issuer, key, professional)
        headers = {
            "bare": {},
            "limits": {},
            "admin": AUTHORIZATION,
            "professional": {"authorization": f"Bearer {token}"},
        }
        ids = _visible(urls["professional"], headers["professional"], clients)
        print(f"the professional sees {len(ids)} of them; each request asks for one in turn")
        for name, query in QUERIES.items():
            _compare(wrk, name, query, ids, urls, pids, headers)


def _compare(
    wrk: str,
    name: str,
    query: str,
    ids: list[str],
    urls: dict[str, str],
    pids: dict[str, int],
    headers: dict[str, dict[str, str]],
) -> None:
    rates: dict[str, list[float]] = {variant: [] for variant in urls}
    p50: dict[str, list[float]] = {variant: [] for variant in urls}
    cpu: dict[str, list[float]] = {variant: [] for variant in urls}
    bodies = [json.dumps({"query": query, "variables": {"id": id}}) for id in ids]
    for variant, url in urls.items():  # warm every server on this query first
        _wrk(wrk, url, bodies, headers[variant], seconds=2)
    order = list(urls)
    for round in range(ROUNDS):
        # each round starts with another variant, so no one always runs first or last
        for variant in order[round % len(order) :] + order[: round % len(order)]:
            before = cpu_seconds(pids[variant])
            rate, median = _wrk(wrk, urls[variant], bodies, headers[variant], seconds=SECONDS)
            cpu[variant].append((cpu_seconds(pids[variant]) - before) / (rate * SECONDS) * 1000)
            rates[variant].append(rate)
            p50[variant].append(median)
    throughput = {variant: statistics.median(r) for variant, r in rates.items()}
    ms = {variant: statistics.median(c) for variant, c in cpu.items()}
    print(f"\n{name}, {CONNECTIONS} connections, median of {ROUNDS} rounds of {SECONDS} s:")
    for variant in urls:
        rounds = ", ".join(f"{r:.0f}" for r in rates[variant])
        print(
            f"  {variant:<13} {throughput[variant]:5.0f} req/s ({rounds}), "
            f"p50 {statistics.median(p50[variant]):6.2f} ms, "
            f"server CPU {ms[variant]:.2f} ms per request"
        )
    for label, part, whole, target in (
        ("limits and guards", "limits", "bare", 5),
        ("access control", "professional", "limits", 15),
        ("  of which token check and audit record alone (admin)", "admin", "limits", None),
    ):
        goal = f" (target <= {target} %)" if target else ""
        print(
            f"  {label}: throughput {1 - throughput[part] / throughput[whole]:+.1%}, "
            f"server CPU per request {ms[part] / ms[whole] - 1:+.1%}{goal}"
        )


def _wrk(
    wrk: str, url: str, bodies: list[str], headers: dict[str, str], *, seconds: int
) -> tuple[float, float]:
    """Requests per second and the median latency in ms of ``seconds`` of wrk posting
    ``bodies`` round robin to ``url``/graphql."""
    lua = (
        'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "application/json"\n'
        + "".join(f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}\n" for k, v in headers.items())
        + "local bodies = {"
        + ",".join(json.dumps(body) for body in bodies)
        + "}\nlocal i = 0\n"
        "request = function()\n"
        "  i = i % #bodies + 1\n"
        "  return wrk.format(nil, nil, nil, bodies[i])\n"
        "end\n"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua)
    command = [wrk, "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "-s", script.name]
    try:
        out = subprocess.run(
            [*command, f"{url}/graphql"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    if "Non-2xx" in out:
        raise RuntimeError(f"wrk got errors from {url}:\n{out}")
    return _field(out, "Requests/sec:"), _latency(out, "50%")


def _field(out: str, name: str) -> float:
    line = next(line for line in out.splitlines() if line.strip().startswith(name))
    return float(line.split()[-1])


def _latency(out: str, percentile: str) -> float:
    value = next(line for line in out.splitlines() if line.strip().startswith(percentile))
    text = value.split()[-1]
    for unit, scale in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * scale
    raise RuntimeError(f"wrk printed an unknown latency: {value}")


def _visible(url: str, headers: dict[str, str], clients: list[str]) -> list[str]:
    """The clients the professional's requests return (all of them, unless a policy
    rule hides one); the answers are checked, so every variant does real reads."""
    with httpx.Client(timeout=330, headers=headers) as http:
        seen = []
        for id in clients:
            answer = http.post(f"{url}/graphql", json={"query": LOOKUP, "variables": {"id": id}})
            if answer.status_code != 200:
                raise RuntimeError(f"{url} answered {answer.status_code}: {answer.text}")
            if answer.json()["data"]["client"] is not None:
                seen.append(id)
    if not seen:
        raise RuntimeError("the professional sees none of their clients")
    return seen


@contextmanager
def _issuer() -> Iterator[tuple[str, ec.EllipticCurvePrivateKey]]:
    """An OpenID issuer's discovery document and JWKS on 127.0.0.1, and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    jwk = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(key.public_key()))
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    documents = {
        "/.well-known/openid-configuration": {"issuer": issuer, "jwks_uri": f"{issuer}/jwks"},
        "/jwks": {"keys": [jwk | {"kid": "bench", "alg": "ES256", "use": "sig"}]},
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            document = documents.get(self.path)
            body = json.dumps(document).encode()
            self.send_response(200 if document else 404)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield issuer, key
    finally:
        server.shutdown()


def _token(issuer: str, key: ec.EllipticCurvePrivateKey, professional: str) -> str:
    now = int(time.time())
    claims = {
        "iss": issuer,
        "aud": AUDIENCE,
        "sub": f"user-{secrets.token_hex(4)}",
        "iat": now,
        "exp": now + 3600,
        "roles": ["professional"],
        "professional": professional,
    }
    return jwt.encode(claims, key, algorithm="ES256", headers={"kid": "bench"})
