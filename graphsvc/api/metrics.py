"""Prometheus metrics of one app: requests, their latency, and time spent in Cypher."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from graphsvc.queries import Query

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
CONTENT_TYPE = CONTENT_TYPE_LATEST


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "graphsvc_http_requests",
            "HTTP requests answered, by route and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "graphsvc_http_request_seconds",
            "Time to answer an HTTP request.",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.cypher = Histogram(
            "graphsvc_cypher_seconds",
            "Time to run one catalogue query and fetch its records.",
            ["query"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.graphql_errors = Counter(
            "graphsvc_graphql_errors",
            "GraphQL errors returned, by extensions.code.",
            ["code"],
            registry=self.registry,
        )

        self.operations = Counter(
            "graphsvc_graphql_queries",
            "GraphQL query operations answered, by how: direct (written from the compiled "
            "reads) or resolvers (graphql-core's execution).",
            ["answered"],
            registry=self.registry,
        )

    def observe_query(self, query: Query, seconds: float) -> None:
        self.cypher.labels(query.qualified_name).observe(seconds)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)
