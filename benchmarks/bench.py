"""Speed and memory of ehcplan, side by side with proselint on the same text.

Run:  python benchmarks/bench.py [--runs 5] [--audit]

It builds realistic plans of 2,000 to 15,000 words from the bundled samples, then reports the
median of several runs of each measure (never a single timing):
- cold `ehcplan check` of one plan (a new process each time, as a caseworker runs it);
- a batch of 12 plans in one `ehcplan check`;
- warm throughput in one process (words a second, after the first plan);
- peak memory of the process;
- `ehcplan --help` and `ehcplan validate`;
- `ehcplan audit` of 200 plans with 1 and 2 jobs (with --audit, when the command exists);
- a re-check of the unchanged batch, answered from the kept results;
- proselint's command line on the same words, and the ratio ehcplan / proselint.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from plans import build_plan, plain_text, write_yaml

EHCPLAN = [sys.executable, "-m", "ehcplan"]

# The smallest plan worth checking (about 60 words): the cost of a cold check is nearly all start-up.
SMALL_PLAN = """# EHC plan for Mia Jones

## Section B: Special educational needs

B1. Mia finds it hard to read new words.

## Section E: Outcomes

E1. By July 2027, Mia will read 50 common words aloud without help.

## Section F: Special educational provision

F1. A teaching assistant will teach Mia phonics one-to-one for 20 minutes, four times a week.
"""


def timed(command: list[str], runs: int) -> tuple[float, float]:
    """Median seconds and peak memory (MB) of running a command ``runs`` times."""
    seconds, peaks = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        done = subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False, text=True
        )
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command[:4])} ... failed: {done.stderr.strip()[:300]}")
        seconds.append(time.perf_counter() - start)
        peaks.append(max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024)
    return statistics.median(seconds), max(peaks)


def median_of(function: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def words_in(paths: list[Path]) -> int:
    return sum(len(path.read_text().split()) for path in paths)


def _provision_and_outcome_texts(paths: list[Path]) -> list[str]:
    """The text of every item of sections E, F, G, H1 and H2 of the plans."""
    from ehcplan.readers import read_plan

    return [item.text for path in paths for _letter, item in read_plan(path).items("E", "F", "G", "H1", "H2")]


def _edited(plan: dict[str, Any], number: int) -> dict[str, Any]:
    """The plan with one item of section F changed (a different change for each number)."""
    changed = copy.deepcopy(plan)
    items = changed["sections"]["F"]
    item = items[len(items) // 2]
    item["text"] = f"{item['text']} This was agreed at review meeting {number}."
    return changed


def _edit_recheck_row(plan: dict[str, Any], root: Path, runs: int) -> tuple[str, str]:
    """A cold `ehcplan check` of a 15,000-word plan just after one item was edited (the rest of
    the plan was checked before), beside the parser's limit for it: a process that imports spaCy,
    loads the pipeline and parses that one item."""
    edited = root / "edited.yaml"
    write_yaml(plan, edited)
    timed([*EHCPLAN, "check", "--format", "json", str(edited)], 1)  # the plan as it was, kept
    seconds = []
    for number in range(runs):
        write_yaml(_edited(plan, number), edited)
        seconds.append(timed([*EHCPLAN, "check", "--format", "json", str(edited)], 1)[0])
    item = root / "item.json"
    items = _edited(plan, 0)["sections"]["F"]
    item.write_text(json.dumps([items[len(items) // 2]["text"]]))
    bare = (
        "import json, sys, spacy; from ehcplan.session import DEFAULT_PIPELINE; "
        "nlp = spacy.load(DEFAULT_PIPELINE, exclude=['ner']); list(nlp.pipe(json.load(open(sys.argv[1]))))"
    )
    limit, _ = timed([sys.executable, "-c", bare, str(item)], runs)
    median = statistics.median(seconds)
    return (
        "re-check after editing one item (15,000 words, cold)",
        f"{median:.2f} s / bare load and parse of the item {limit:.2f} s; ratio {median / limit:.2f}",
    )


def _serve_row(plan: dict[str, Any], root: Path, runs: int) -> tuple[str, str]:
    """`POST /api/check` in the editor's server, after one item of a 15,000-word plan changed
    (the server has checked the plan before, as it has when the writer is typing)."""
    from starlette.testclient import TestClient

    from ehcplan.serve.app import create_app
    from ehcplan.serve.security import Keys, addresses

    folder = root / "served"
    folder.mkdir()
    keys = Keys(hosts=addresses("127.0.0.1", 8765), max_body=5_000_000)
    client = TestClient(create_app(folder, keys), base_url="http://127.0.0.1:8765")
    client.get(f"/?token={keys.token}", follow_redirects=False)
    headers = {"X-CSRF-Token": keys.csrf}

    def check(body: dict[str, Any]) -> None:
        answer = client.post(
            "/api/check",
            content=json.dumps(body, default=str),
            headers={**headers, "Content-Type": "application/json"},
        )
        if answer.status_code != 200:
            raise SystemExit(f"/api/check answered {answer.status_code}: {answer.text[:300]}")

    check(plan)
    edits = iter([_edited(plan, number) for number in range(1, max(runs, 5) + 1)])
    latency = median_of(lambda: check(next(edits)), max(runs, 5))
    return ("serve /api/check after one edit (15,000 words)", f"{latency * 1000:.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--audit", action="store_true", help="also time `ehcplan audit` of 200 plans")
    args = parser.parse_args()
    # Kept results of earlier runs would answer the cold checks: each run of the script starts empty.
    os.environ["EHCPLAN_CACHE_DIR"] = tempfile.mkdtemp(prefix="ehcplan-bench-cache-")
    proselint = shutil.which("proselint") or str(Path(sys.executable).parent / "proselint")
    have_proselint = Path(proselint).exists()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        sizes = (2000, 5000, 15000)
        plans = {size: write_yaml(build_plan(size, seed=size), root / f"plan-{size}.yaml") for size in sizes}
        texts = {size: root / f"plan-{size}.txt" for size in sizes}
        for size, path in texts.items():
            path.write_text(plain_text(build_plan(size, seed=size)))
        batch = [write_yaml(build_plan(5000, seed=seed), root / f"batch-{seed}.yaml") for seed in range(12)]
        batch_text = root / "batch.txt"
        batch_text.write_text("".join(plain_text(build_plan(5000, seed=seed)) for seed in range(12)))

        rows: list[tuple[str, str]] = []
        help_time, _ = timed([*EHCPLAN, "--help"], args.runs)
        rows.append(("ehcplan --help", f"{help_time:.2f} s"))
        validate_time, _ = timed([*EHCPLAN, "validate", str(plans[15000])], args.runs)
        rows.append(("ehcplan validate (15,000 words)", f"{validate_time:.2f} s"))
        rules_time, _ = timed([*EHCPLAN, "rules"], args.runs)
        rows.append(("ehcplan rules", f"{rules_time:.2f} s"))
        small = root / "small.md"
        small.write_text(SMALL_PLAN)
        seconds, peak = timed([*EHCPLAN, "check", "--no-cache", "--format", "json", str(small)], args.runs)
        rows.append((f"cold check, {len(SMALL_PLAN.split())} words", f"{seconds:.2f} s, peak {peak:.0f} MB"))
        for size in sizes:
            seconds, peak = timed(
                [*EHCPLAN, "check", "--no-cache", "--format", "json", str(plans[size])], args.runs
            )
            words = len(texts[size].read_text().split())
            line = f"{seconds:.2f} s, peak {peak:.0f} MB"
            if have_proselint:
                prose, _ = timed([proselint, "check", str(texts[size])], args.runs)
                line += f"; proselint {prose:.2f} s; ratio {seconds / prose:.2f}"
            rows.append((f"cold check, {words:,} words", line))
        seconds, peak = timed(
            [*EHCPLAN, "check", "--no-cache", "--format", "json", *map(str, batch)], args.runs
        )
        words = len(batch_text.read_text().split())
        timed([*EHCPLAN, "check", "--format", "json", *map(str, batch)], 1)  # keeps the batch's results
        line = f"{seconds:.2f} s ({words / seconds:,.0f} words/s), peak {peak:.0f} MB"
        if have_proselint:
            prose, _ = timed([proselint, "check", str(batch_text)], args.runs)
            line += f"; proselint {prose:.2f} s; ratio {seconds / prose:.2f}"
        rows.append((f"batch of 12 plans, {words:,} words", line))
        # The parser's own limit: a bare process that imports spaCy, loads the same pipeline and
        # parses every item of sections E-H of 8 of the plans, single-threaded, with nothing else.
        eight = batch[:8]
        items = root / "items.json"
        items.write_text(json.dumps(_provision_and_outcome_texts(eight)))
        bare = (
            "import json, sys, spacy; from ehcplan.session import DEFAULT_PIPELINE; "
            "nlp = spacy.load(DEFAULT_PIPELINE, exclude=['ner']); "
            "list(nlp.pipe(json.load(open(sys.argv[1])), batch_size=64))"
        )
        limit, _ = timed([sys.executable, "-c", bare, str(items)], args.runs)
        seconds, _ = timed([*EHCPLAN, "check", "--no-cache", "--format", "json", *map(str, eight)], args.runs)
        rows.append(
            (
                "8 plans: check / bare spaCy parse of E-H",
                f"{seconds:.2f} s / {limit:.2f} s; ratio {seconds / limit:.2f}",
            )
        )
        # The same batch again, unchanged: answered from the kept results, with no language model.
        seconds, peak = timed([*EHCPLAN, "check", "--format", "json", *map(str, batch)], args.runs)
        line = f"{seconds:.2f} s, peak {peak:.0f} MB"
        if have_proselint:
            line += f"; proselint {prose:.2f} s; ratio {seconds / prose:.2f}"
        rows.append(("re-check of the unchanged batch", line))

        rows.append(_edit_recheck_row(build_plan(15000, seed=15000), root, args.runs))
        rows.append(_serve_row(build_plan(15000, seed=15000), root, args.runs))

        from ehcplan.check.checker import check_plan
        from ehcplan.check.pipeline import _cache_of
        from ehcplan.check.text_memo import forget_texts
        from ehcplan.readers import read_plan

        def fresh_check() -> None:
            # Warm means loaded, not remembered: the texts' docs, readings and counts are forgotten.
            _cache_of.cache_clear()
            forget_texts()
            check_plan(read_plan(plans[15000]), "warm")

        check_plan(read_plan(plans[5000]), "warm-up")
        warm = median_of(fresh_check, args.runs)
        warm_words = len(texts[15000].read_text().split())
        rows.append(
            ("warm throughput (one process)", f"{warm_words / warm:,.0f} words/s ({warm:.2f} s a plan)")
        )

        if args.audit:
            audit_folder = root / "audit"
            audit_folder.mkdir()
            for seed in range(200):
                write_yaml(
                    build_plan(2000 + (seed % 5) * 1000, seed=seed), audit_folder / f"plan-{seed:03}.yaml"
                )
            for jobs in (1, 2):
                seconds, peak = timed(
                    [*EHCPLAN, "audit", "--jobs", str(jobs), str(audit_folder)], max(1, args.runs // 2)
                )
                rows.append(
                    (
                        f"audit of 200 plans, {jobs} job{'s' if jobs > 1 else ''}",
                        f"{seconds:.1f} s, peak {peak:.0f} MB",
                    )
                )

    width = max(len(name) for name, _ in rows)
    print(f"ehcplan benchmarks (median of {args.runs} runs)")
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    if not have_proselint:
        print("  (install proselint for the comparison: pip install '.[bench]')")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
