"""Running the app under uvicorn."""

from __future__ import annotations

import uvicorn

from graphsvc.api.app import create_app
from graphsvc.settings import Settings


def serve(settings: Settings, *, host: str | None = None, port: int | None = None) -> None:
    uvicorn.run(
        create_app(settings),
        host=host or settings.host,
        port=port or settings.port,
        timeout_graceful_shutdown=10,
        log_level="info",
    )
