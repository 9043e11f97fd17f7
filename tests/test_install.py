"""README's set-up commands: the CI script runs the second one verbatim, and both start from the locked pip."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.+?)\n```", text, flags=re.S)[:2]


def test_ci_runs_readme_test_command_verbatim():
    build, test = _readme_commands()
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert test.strip() in ci_lines


def test_readme_commands_install_the_locked_pip_first():
    lock = (ROOT / "requirements-pip.lock").read_text(encoding="utf-8")
    assert re.search(r"^pip==\d+\.\d+(\.\d+)? \\\n\s+--hash=sha256:[0-9a-f]{64}", lock, flags=re.M)
    for command in _readme_commands():
        steps = command.split(" && ")
        assert steps[0] == "python3.11 -m venv .venv"
        assert "requirements-pip.lock" in steps[1] and "--require-hashes" in steps[1]
        assert any("requirements" in step and ".lock" in step and "pip.lock" not in step for step in steps[2:])
