"""`ehcplan schema`: the JSON Schema of a plan file."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options."""


def run(args: argparse.Namespace) -> int:
    from ehcplan.model.schema import plan_json_schema

    print(plan_json_schema())
    return 0
