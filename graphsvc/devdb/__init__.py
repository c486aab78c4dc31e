"""A local Neo4j Community server for development, tests and the demo.

Neo4j is in neither Debian nor PyPI, so graphsvc resolves the Community engine
from Maven Central (``pom.xml`` beside this file), compiles a small embedded
launcher (``Launcher.java``) against it and runs it as a detached JVM with
Bolt on 127.0.0.1. Maven keeps the artifacts in ``~/.m2`` and the compiled
launcher with its classpath is cached under ``~/.cache/graphsvc``, so only the
first start needs the network.

The server's home (store, logs, pid file) survives restarts. ``stop`` sends
SIGTERM, which the launcher answers with a clean shutdown.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from graphsvc.errors import ConfigError, Unavailable
from graphsvc.settings import DevdbSettings

HERE = Path(__file__).resolve().parent
READY_LINE = "graphsvc-devdb: ready"

# Servers this process started, kept so they are reaped on stop (and no
# "subprocess still running" warning fires while they outlive a command).
_children: dict[int, subprocess.Popen[bytes]] = {}


@dataclass(frozen=True)
class Status:
    running: bool
    pid: int | None
    uri: str
    home: Path

    def describe(self) -> str:
        if self.running:
            return f"devdb running (pid {self.pid}) at {self.uri}, home {self.home}"
        return f"devdb stopped, home {self.home}"


def cache_dir() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    digest = hashlib.sha256()
    for name in ("pom.xml", "Launcher.java"):
        digest.update((HERE / name).read_bytes())
    return base / "graphsvc" / f"devdb-{digest.hexdigest()[:12]}"


def _require(tool: str, what: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise ConfigError(f"{what} ({tool}) is not on PATH; the local Neo4j needs it")
    return path


def build() -> Path:
    """Resolve Neo4j from Maven and compile the launcher, once per version."""
    target = cache_dir()
    classpath_file = target / "classpath.txt"
    if (target / "classes" / "Launcher.class").is_file() and classpath_file.is_file():
        return target
    mvn = _require("mvn", "Maven")
    javac = _require("javac", "a Java 17+ JDK")
    target.mkdir(parents=True, exist_ok=True)
    resolve = subprocess.run(
        [
            mvn,
            "-q",
            "-B",
            "-f",
            str(HERE / "pom.xml"),
            "dependency:build-classpath",
            f"-Dmdep.outputFile={classpath_file}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if resolve.returncode != 0:
        tail = (resolve.stdout + resolve.stderr).strip().splitlines()[-5:]
        raise Unavailable("Maven could not resolve Neo4j from Maven Central: " + " | ".join(tail))
    compiled = subprocess.run(
        [
            javac,
            "-d",
            str(target / "classes"),
            "-cp",
            classpath_file.read_text().strip(),
            str(HERE / "Launcher.java"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if compiled.returncode != 0:
        raise ConfigError("javac could not compile the devdb launcher: " + compiled.stderr.strip())
    return target


def _pid_file(settings: DevdbSettings) -> Path:
    return settings.home / "devdb.pid"


def _log_file(settings: DevdbSettings) -> Path:
    return settings.home / "devdb.log"


def _alive(pid: int, home: Path) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return b"Launcher" in cmdline and str(home.resolve()).encode() in cmdline


def _recorded_pid(settings: DevdbSettings) -> int | None:
    with contextlib.suppress(OSError, ValueError, IndexError):
        return int(_pid_file(settings).read_text().split()[0])
    return None


def status(settings: DevdbSettings) -> Status:
    pid = _recorded_pid(settings)
    running = pid is not None and _alive(pid, settings.home)
    return Status(running, pid if running else None, settings.uri, settings.home)


def _port_taken(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def start(settings: DevdbSettings) -> Status:
    """Start the server and wait until Bolt answers; harmless when it already runs."""
    current = status(settings)
    if current.running:
        return current
    java = _require("java", "Java 17+")
    if _port_taken(settings.port):
        raise ConfigError(
            f"port {settings.port} on 127.0.0.1 is taken by another process",
            hint="stop it or set GRAPHSVC_DEVDB_PORT",
        )
    built = build()
    settings.home.mkdir(parents=True, exist_ok=True)
    home = settings.home.resolve()
    classpath = f"{built / 'classes'}:{(built / 'classpath.txt').read_text().strip()}"
    env = dict(os.environ)
    env.pop("GRAPHSVC_DEVDB_PASSWORD", None)
    if settings.password:
        env["GRAPHSVC_DEVDB_PASSWORD"] = settings.password
    with _log_file(settings).open("w") as log:
        process = subprocess.Popen(
            [
                java,
                f"-Xmx{settings.heap_mb}m",
                "-XX:+UseG1GC",
                "-cp",
                classpath,
                "Launcher",
                str(home),
                str(settings.port),
                str(settings.pagecache_mb),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            env=env,
            cwd=home,
        )
    _children[process.pid] = process
    _pid_file(settings).write_text(f"{process.pid}\n")
    _wait_ready(settings, process)
    return status(settings)


def _wait_ready(settings: DevdbSettings, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + settings.start_timeout
    log = _log_file(settings)
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace").strip().splitlines()[-3:]
            raise Unavailable(
                f"the local Neo4j exited during start (status {process.returncode}): "
                + " | ".join(tail)
            )
        if READY_LINE in log.read_text(errors="replace") and _bolt_answers(settings.port):
            return
        time.sleep(0.2)
    process.terminate()
    raise Unavailable(
        f"the local Neo4j did not answer on {settings.uri} within {settings.start_timeout:.0f} s",
        hint=f"see {log}",
    )


def _bolt_answers(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        try:
            probe.connect(("127.0.0.1", port))
            probe.sendall(b"\x60\x60\xb0\x17" + b"\x00\x00\x05\x05" + b"\x00" * 12)
            return len(probe.recv(4)) == 4
        except OSError:
            return False


def stop(settings: DevdbSettings, timeout: float = 60.0) -> Status:
    """SIGTERM the server and wait for its clean shutdown (SIGKILL after ``timeout``)."""
    pid = _recorded_pid(settings)
    if pid is not None and _alive(pid, settings.home):
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _alive(pid, settings.home) and time.monotonic() < deadline:
            time.sleep(0.1)
        if _alive(pid, settings.home):
            os.kill(pid, signal.SIGKILL)
    child = _children.pop(pid, None) if pid is not None else None
    if child is not None:
        child.wait()
    with contextlib.suppress(FileNotFoundError):
        _pid_file(settings).unlink()
    return status(settings)
