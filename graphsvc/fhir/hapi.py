"""HAPI FHIR's validator, run from Maven Central artifacts like the local Neo4j.

``validator/pom.xml`` resolves ``hapi-fhir-validation``,
``hapi-fhir-structures-r4`` and ``hapi-fhir-validation-resources-r4``;
``validator/Validate.java`` is compiled once with javac and cached with its
classpath under ``~/.cache/graphsvc``. It validates offline against the core
R4 profiles and prints one line per message.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from graphsvc.errors import ConfigError, Unavailable

HERE = Path(__file__).resolve().parent / "validator"


@dataclass(frozen=True)
class Message:
    severity: str
    """ERROR, FATAL, WARNING or INFORMATION."""
    where: str
    """FILE:LINE of the resource."""
    location: str
    """The element path in the resource."""
    text: str

    @property
    def is_error(self) -> bool:
        return self.severity in ("ERROR", "FATAL")

    def __str__(self) -> str:
        return f"{self.severity} {self.where} {self.location}: {self.text}"


def cache_dir() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    digest = hashlib.sha256()
    for name in ("pom.xml", "Validate.java"):
        digest.update((HERE / name).read_bytes())
    return base / "graphsvc" / f"fhir-validator-{digest.hexdigest()[:12]}"


def _require(tool: str, what: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise ConfigError(f"{what} ({tool}) is not on PATH; the FHIR validator needs it")
    return path


def build() -> Path:
    """Resolve HAPI from Maven and compile the runner, once per version."""
    target = cache_dir()
    classpath = target / "classpath.txt"
    if (target / "classes" / "Validate.class").is_file() and classpath.is_file():
        return target
    target.mkdir(parents=True, exist_ok=True)
    resolve = subprocess.run(
        [
            _require("mvn", "Maven"),
            "-q",
            "-B",
            "-f",
            str(HERE / "pom.xml"),
            "dependency:build-classpath",
            f"-Dmdep.outputFile={classpath}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if resolve.returncode != 0:
        tail = (resolve.stdout + resolve.stderr).strip().splitlines()[-5:]
        raise Unavailable(
            "Maven could not resolve HAPI FHIR from Maven Central: " + " | ".join(tail)
        )
    compiled = subprocess.run(
        [
            _require("javac", "a Java 17+ JDK"),
            "-d",
            str(target / "classes"),
            "-cp",
            classpath.read_text().strip(),
            str(HERE / "Validate.java"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if compiled.returncode != 0:
        raise ConfigError("javac could not compile the FHIR validator: " + compiled.stderr.strip())
    return target


def validate(paths: Sequence[Path], *, heap_mb: int = 1024) -> list[Message]:
    """Every message HAPI gives for the resources of these NDJSON or JSON files."""
    built = build()
    classpath = f"{built / 'classes'}:{(built / 'classpath.txt').read_text().strip()}"
    run = subprocess.run(
        [
            _require("java", "Java 17+"),
            f"-Xmx{heap_mb}m",
            "-cp",
            classpath,
            "Validate",
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = run.stdout.splitlines()
    if run.returncode != 0 or not lines or not lines[-1].startswith("graphsvc-fhir-validator:"):
        raise Unavailable("the FHIR validator failed: " + run.stderr.strip()[-500:])
    messages = []
    for line in lines[:-1]:
        severity, where, location, text = ([*line.split("\t", 3), "", "", ""])[:4]
        messages.append(Message(severity, where, location, text))
    return messages
