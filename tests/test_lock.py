"""kg.lock: one build per output folder; a second build fails at once and touches nothing; a stale lock
left by a killed build is taken over. The lock holder is a real second process."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.build import build
from kg.cli import app
from kg.errors import LockedError
from kg.lock import LOCK_FILE, BuildLock

HOLD = """
import sys, time
from kg.lock import BuildLock
lock = BuildLock(sys.argv[1])
lock.acquire()
print("locked", flush=True)
time.sleep(120)
"""


def _holder(folder: Path) -> subprocess.Popen:
    """Another process that holds the folder's build lock until it is killed."""
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(folder)], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "locked"
    return process


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha1(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in sorted(folder.rglob("*"))
    }


def test_a_second_build_fails_at_once_and_leaves_the_folder_untouched(tmp, corpus, nlp, runner):
    out = tmp / "out"
    build([corpus["plain"]], out, nlp=nlp, page=False)
    holder = _holder(out)
    before = _snapshot(out)
    try:
        started = time.perf_counter()
        with pytest.raises(LockedError, match=rf"{out} is being built by process {holder.pid}$"):
            build([corpus["plain"], corpus["jsonl"]], out, nlp=nlp, page=False)
        assert time.perf_counter() - started < 5  # at once, not after analysing anything
        result = runner.invoke(app, ["build", str(corpus["jsonl"]), "--out", str(out)])
        assert result.exit_code == 1
        assert f"is being built by process {holder.pid}" in result.stderr
        assert _snapshot(out) == before
        assert holder.poll() is None  # the first build goes on
    finally:
        holder.kill()
        holder.wait()


def test_a_stale_lock_of_a_killed_build_is_taken_over(tmp, corpus, nlp):
    out = tmp / "out"
    holder = _holder(out)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert (out / LOCK_FILE).read_text().strip() == str(holder.pid)  # the killed build left its lock behind
    lock = BuildLock(out)
    with lock:
        assert lock.stale_pid == holder.pid
        assert (out / LOCK_FILE).read_text().strip() == str(os.getpid())
    summary = build([corpus["plain"]], out, nlp=nlp, page=False)
    assert summary.articles == 1


def test_a_build_into_a_new_folder_that_fails_leaves_no_folder(tmp):
    with BuildLock(tmp / "new"):
        assert (tmp / "new" / LOCK_FILE).is_file()
    assert not (tmp / "new").exists()
