"""Starting the app and finding Chromium: shared by the browser tests and the benchmark (bench/).

A plain module (no pytest), so `python -m bench` can start servers exactly as the tests do.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--disable-dev-shm-usage"]


def chromium_path() -> str | None:
    """RAPPORT_CHROMIUM, else Debian's chromium on the PATH."""
    configured = os.environ.get("RAPPORT_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    return shutil.which("chromium") or (("/usr/bin/chromium") if Path("/usr/bin/chromium").exists() else None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class AppServer:
    """A running `streamlit run app.py` over its own database files."""

    url: str
    db_path: Path
    demo_path: Path
    process: subprocess.Popen

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_server(folder: Path, env: dict[str, str] | None = None, args: list[str] | None = None,
                 script: Path = ROOT / "app.py") -> AppServer:
    """Start the app as `make run` does (through `lib.ui.serve`), on a free port, and wait until it answers its health check.

    `script` is Rapport's app.py unless the benchmark starts its do-nothing baseline app instead.
    """
    port = _free_port()
    db_path, demo_path = folder / "rapport.duckdb", folder / "demo.duckdb"
    environment = os.environ | {"RAPPORT_DB": str(db_path), "RAPPORT_DEMO_DB": str(demo_path),
                                "PYTHONPATH": str(ROOT)} | (env or {})
    log = open(folder / "streamlit.log", "w")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        [sys.executable, "-m", "lib.ui.serve", "run", script.name, "--server.port", str(port),
         "--server.headless", "true", "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false", *(args or [])],
        cwd=script.parent, env=environment, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://localhost:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited: {(folder / 'streamlit.log').read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as answer:
                if answer.read() == b"ok":
                    return AppServer(url, db_path, demo_path, process)
        except OSError:
            time.sleep(0.1)  # polling the server's health endpoint, not waiting on a guess
    process.kill()
    raise RuntimeError(f"streamlit did not become healthy: {(folder / 'streamlit.log').read_text()}")
