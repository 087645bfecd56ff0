"""System programs the tests need: a missing one fails the test with what to install.

The README's test command installs them all (`.ci/system-tools`), so a test that skipped for want
of one would only ever skip, which hides a broken check. On a machine where they cannot be
installed, set EHCPLAN_SKIP_SYSTEM_TESTS=1 to skip those tests instead, knowingly.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

INSTALL = "run 'sh .ci/system-tools' (as root or with sudo), or set EHCPLAN_SKIP_SYSTEM_TESTS=1 to skip"


def require(problems: list[str]) -> None:
    """Fail (or, when asked, skip) with every missing tool named; do nothing when none is missing."""
    if not problems:
        return
    message = "these tests need " + "; ".join(problems) + f": {INSTALL}"
    if os.environ.get("EHCPLAN_SKIP_SYSTEM_TESTS") == "1":
        pytest.skip(message)
    pytest.fail(message)


def require_libreoffice() -> str:
    """The path of LibreOffice's soffice, with Arial's metrics available to it (Liberation Sans)."""
    problems = []
    soffice = shutil.which("soffice")
    if soffice is None:
        problems.append("LibreOffice Writer (apt-get install libreoffice-writer-nogui)")
    if not _has_font("Liberation Sans"):
        problems.append("the Liberation fonts, with Arial's metrics (apt-get install fonts-liberation2)")
    require(problems)
    return soffice  # type: ignore[return-value]


def _has_font(family: str) -> bool:
    try:
        listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return any(family in line for line in listed.splitlines())
