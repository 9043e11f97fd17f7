"""One build per output folder: DIR/build.lock is held (an OS file lock) for the whole build.

A second build into the folder fails at once, naming the process that holds it, and touches nothing
else in the folder. The OS releases the lock when its process dies, so a lock left by a killed
build is stale: the next build sees that, says so, and takes it over.
"""

from __future__ import annotations

import fcntl
import logging
import os
from pathlib import Path

from kg.errors import LockedError, StoreError

log = logging.getLogger(__name__)

LOCK_FILE = "build.lock"


class BuildLock:
    """Hold DIR/build.lock while a build runs: `with BuildLock(folder): ...`."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.path = self.folder / LOCK_FILE
        self._fd: int | None = None
        self._created = False
        self.stale_pid: int | None = None  # the process of a stale lock that was taken over

    def acquire(self) -> None:
        try:
            self._created = not self.folder.exists()
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            raise StoreError(f"{self.folder}: cannot write here ({err.strerror or err})") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_pid(fd)
            os.close(fd)
            who = f"process {holder}" if holder else "another process"
            raise LockedError(f"{self.folder} is being built by {who}") from None
        previous = _read_pid(fd)
        if previous and previous != os.getpid():
            self.stale_pid = previous
            log.warning("%s: took over the stale lock of process %s (it ended without releasing it)", self.folder, previous)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        os.fsync(fd)
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        os.ftruncate(self._fd, 0)  # an empty lock file is a lock released cleanly
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None
        if self._created and [p.name for p in self.folder.iterdir()] == [LOCK_FILE]:
            self.path.unlink(missing_ok=True)  # a build that made the folder and wrote nothing leaves no folder
            self.folder.rmdir()

    def __enter__(self) -> BuildLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None
