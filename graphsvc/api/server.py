"""Running the app under uvicorn, with JSON logs and a graceful shutdown."""

from __future__ import annotations

import uvicorn

from graphsvc.api import logs
from graphsvc.api.app import create_app
from graphsvc.settings import Settings

GRACEFUL_SHUTDOWN_SECONDS = 10


def serve(settings: Settings, *, host: str | None = None, port: int | None = None) -> None:
    logs.configure()
    uvicorn.run(
        create_app(settings),
        host=host or settings.host,
        port=port or settings.port,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
        log_config=None,
        access_log=False,
    )
