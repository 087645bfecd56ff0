"""Options several commands share, worded once."""

from __future__ import annotations

import argparse


def rule_codes(value: str) -> list[str]:
    """'SMART,PROV003, LANG' -> ['SMART', 'PROV003', 'LANG']."""
    return [part.strip() for part in value.split(",") if part.strip()]


def add_config_option(parser: argparse.ArgumentParser) -> None:
    """--config FILE: the session's config, instead of the one nearest the first plan."""
    parser.add_argument("--config", metavar="FILE", help="use this config instead of searching for one")


def add_rule_options(parser: argparse.ArgumentParser, select_help: str = "only these rules") -> None:
    """--select and --ignore: which rules run."""
    parser.add_argument("--select", type=rule_codes, metavar="CODES", help=select_help)
    parser.add_argument(
        "--ignore", type=rule_codes, metavar="CODES", default=[], help="leave out these rules"
    )


def positive_whole_number(value: str) -> int:
    """An argparse type: 1 or more."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"'{value}' should be 1 or more")
    return number


def add_jobs_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    """--jobs N: how many processes share the work."""
    parser.add_argument("--jobs", "-j", type=positive_whole_number, metavar="N", help=help_text)
