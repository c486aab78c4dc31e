"""graphql-cop, the GraphQL security auditor, against the production configuration:
nothing may be flagged.

graphql-cop is not a dependency of graphsvc: it runs from its own copy (the
directory named by ``GRAPHSVC_GRAPHQL_COP``, else ``../shared/tools/graphql-cop``
beside the repository) in its own virtual environment ``.venv-cop``, which this
test creates from the copy's ``requirements.txt`` (PyPI) on its first run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.live_server import live_server, production_env, production_headers

COP = Path(os.environ.get("GRAPHSVC_GRAPHQL_COP", REPO.parent / "shared/tools/graphql-cop"))
VENV = REPO / ".venv-cop"


def cop_python() -> Path:
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "-r", str(COP / "requirements.txt")],
            check=True,
        )
    return python


@pytest.mark.skipif(not (COP / "graphql-cop.py").exists(), reason=f"no graphql-cop at {COP}")
def test_graphql_cop_flags_nothing_in_production(cli_env: dict[str, str]) -> None:
    python = cop_python()
    # as an admin's service account, so every probe reaches GraphQL (not only the 401)
    header = json.dumps(production_headers())
    with live_server({**cli_env, **production_env()}) as url:
        done = subprocess.run(
            [str(python), "graphql-cop.py", "-t", f"{url}/graphql", "-H", header, "-o", "json"],
            cwd=COP,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
    results = json.loads(done.stdout)
    assert len(results) >= 10, done.stdout
    flagged = [r["title"] for r in results if r["result"]]
    assert flagged == []
