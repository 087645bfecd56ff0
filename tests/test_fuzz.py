"""The fuzz corpus (tests/fuzz/corpus.py) through check, import, render and annotate.

Every damaged or odd input must end with exit 0 or 1 (read and checked) or a plain refusal (exit
2, a few lines, no traceback), within the time limit and under the memory limit. A failure lists
each input and what happened, so it can be reproduced with ``ehcplan --verbose``.
"""

from __future__ import annotations

from pathlib import Path

from fuzz.corpus import build_corpus, commands_for
from fuzz.runner import run_all
from testkit import SAMPLES

from ehcplan.check.checker import check_plan
from ehcplan.readers import read_plan


def test_no_input_in_the_corpus_crashes_hangs_or_runs_away(tmp_path: Path) -> None:
    cases = build_corpus(tmp_path)
    assert len(cases) > 400  # the 400-odd kinds of the issue, and more
    # Loaded once here, so each forked run starts warm, as a real run does after start-up.
    check_plan(read_plan(SAMPLES / "primary-year5-leo.yaml"), "warm")
    runs = [(case, argv) for case in cases for argv in commands_for(case)]
    outcomes = run_all([argv for _case, argv in runs], parallel=2, time_limit=20)
    failures = [
        f"{case.kind}: {outcome.describe()}"
        for (case, _argv), outcome in zip(runs, outcomes, strict=True)
        if not outcome.clean or (outcome.exit_code == 2 and not outcome.plain_refusal)
    ]
    assert not failures, "\n".join(failures)
    refused = sum(outcome.exit_code == 2 for outcome in outcomes)
    assert refused > len(outcomes) / 2  # most of the corpus is damaged past reading
