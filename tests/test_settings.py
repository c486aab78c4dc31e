from __future__ import annotations

import pytest

from graphsvc.errors import ConfigError
from graphsvc.settings import Settings


def test_without_neo4j_uri_the_local_devdb_is_used() -> None:
    settings = Settings.from_env({"GRAPHSVC_DEVDB_PORT": "7999"})
    assert settings.uri == "bolt://127.0.0.1:7999"
    assert settings.neo4j_database == "neo4j"


def test_neo4j_uri_and_credentials_name_another_server() -> None:
    settings = Settings.from_env(
        {
            "NEO4J_URI": "neo4j://cluster.example:7687",
            "NEO4J_USER": "svc",
            "NEO4J_PASSWORD": "pw",
            "NEO4J_DATABASE": "graphsvc",
        }
    )
    assert (settings.uri, settings.neo4j_user, settings.password, settings.neo4j_database) == (
        "neo4j://cluster.example:7687",
        "svc",
        "pw",
        "graphsvc",
    )


def test_a_malformed_number_names_the_variable() -> None:
    with pytest.raises(ConfigError, match="GRAPHSVC_DEVDB_PORT='abc': expected a whole number"):
        Settings.from_env({"GRAPHSVC_DEVDB_PORT": "abc"})
