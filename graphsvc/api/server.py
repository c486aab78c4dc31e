"""Running the app under uvicorn, with JSON logs and a graceful shutdown.

uvicorn runs on uvloop's event loop and parses HTTP with httptools (both C
extensions: less CPU per request than asyncio's loop and h11). With
``workers`` > 1 uvicorn forks that many processes sharing the socket, each
building its own app (and Neo4j driver) from the environment.
"""

from __future__ import annotations

from typing import Any

import uvicorn

from graphsvc.api import logs
from graphsvc.api.app import create_app
from graphsvc.settings import Settings

GRACEFUL_SHUTDOWN_SECONDS = 10


def serve(
    settings: Settings, *, host: str | None = None, port: int | None = None, workers: int = 1
) -> None:
    logs.configure()
    options: dict[str, Any] = {
        "host": host or settings.host,
        "port": port or settings.port,
        "timeout_graceful_shutdown": GRACEFUL_SHUTDOWN_SECONDS,
        "log_config": None,
        "access_log": False,
        "loop": "uvloop",
        "http": "httptools",
    }
    if workers > 1:
        # Each worker imports the factory and reads the settings from the environment.
        uvicorn.run("graphsvc.api.app:create_app", factory=True, workers=workers, **options)
    else:
        uvicorn.run(create_app(settings), **options)
