"""`ehcplan cache [clear]`: where checked results are kept, and how to remove them."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "action",
        nargs="?",
        choices=("show", "clear"),
        default="show",
        help="show the folder (default), or clear it",
    )


def run(args: argparse.Namespace) -> int:
    from ehcplan.check.result_cache import clear_cache
    from ehcplan.counting import counted
    from ehcplan.user_cache import cache_folder

    folder = cache_folder()
    if args.action == "clear":
        print(f"Removed {counted(clear_cache(folder), 'kept result')} from {folder}.")
        return 0
    results = folder / "results"
    kept = len(list(results.glob("*.json"))) if results.is_dir() else 0
    print(
        f"{counted(kept, 'kept result')} in {folder} (readable by you only; 'ehcplan cache clear' removes them)."
    )
    return 0
