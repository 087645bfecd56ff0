"""Shared fixtures: small realistic plans built in code, and the bundled samples."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def own_result_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test keeps checked results in a folder of its own (children it starts inherit it), so no
    test is answered from another's results."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("EHCPLAN_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def minimal_plan_data() -> dict[str, Any]:
    """A small but complete plan as the dictionary a YAML file would hold."""
    return {
        "details": {
            "child": {"name": "Maya Patel", "date_of_birth": "2016-03-14", "year_group": "Year 5"},
            "parents": [{"name": "Priya Patel", "relationship": "mother"}],
            "local_authority": "Northshire County Council",
            "status": "final",
            "issue_date": "2026-09-01",
            "next_review": "2027-08-31",
        },
        "sections": {
            "A": {"child_views": {"text": '"I like drawing horses."', "whose_words": "Maya"}},
            "B": [
                {
                    "id": "B1",
                    "text": "Maya finds it hard to follow instructions with more than two key words.",
                    "area": "Communication & Interaction",
                }
            ],
            "C": "Maya has no health needs related to her special educational needs.",
            "E": [
                {
                    "text": (
                        "By July 2027, Maya will follow a three-step instruction in class without a reminder."
                    ),
                    "needs": ["B1"],
                }
            ],
            "F": [
                {
                    "text": "A speech and language therapist will see Maya one-to-one for 30 minutes a week.",
                    "who": "speech and language therapist",
                    "how_often": "once a week",
                    "needs": ["B1"],
                    "outcomes": ["E1"],
                }
            ],
        },
    }


@pytest.fixture
def write_file(tmp_path: Path):
    """Write text to a file in a temporary folder and return its path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"ehcplan tried to use the network: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
