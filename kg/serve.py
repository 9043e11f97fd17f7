"""Serve a build as a read-only SPARQL 1.1 endpoint, with the Oxigraph server (PyPI package `oxigraph`)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from kg.errors import StoreError
from kg.store import STORE_DIR


def server_binary() -> str:
    """The `oxigraph` server program: next to this Python, else on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.exists():
        return str(beside)
    found = shutil.which("oxigraph")
    if not found:
        raise StoreError("the Oxigraph server is not installed (pip install oxigraph)")
    return found


def serve_command(folder: str | Path, *, host: str = "127.0.0.1", port: int = 7878, timeout: int = 30) -> list[str]:
    """The command line that serves a build folder read-only, default graph = union of all graphs."""
    location = Path(folder) / STORE_DIR
    if not location.is_dir():
        raise StoreError(f"{folder}: no kg build here (run `kg build SOURCES --out {folder}`)")
    return [
        server_binary(),
        "serve-read-only",
        "--location",
        str(location),
        "--bind",
        f"{host}:{port}",
        "--union-default-graph",
        "--timeout-s",
        str(timeout),
    ]


def start(folder: str | Path, *, host: str = "127.0.0.1", port: int = 7878) -> subprocess.Popen:
    """Start the endpoint in the background (http://HOST:PORT/query); the caller stops it."""
    return subprocess.Popen(
        serve_command(folder, host=host, port=port), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
