"""The browser harness itself works: a good page passes axe, a bad one does not."""

from __future__ import annotations

from pathlib import Path

from browser import axe_violations, browser_page

GOOD = """<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Plan</title></head>
<body><header><p>ehcplan</p></header><main><h1>Maya's plan</h1><p>Maya likes horses.</p></main></body></html>"""
BAD = """<!doctype html><html><head><title>x</title></head><body><img src="x.png"><p style="color:#ccc;background:#fff">faint</p></body></html>"""


def test_axe_finds_violations_only_on_the_bad_page(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.html", tmp_path / "bad.html"
    good.write_text(GOOD)
    bad.write_text(BAD)
    with browser_page() as page:
        page.goto(good.as_uri())
        assert axe_violations(page) == []
        page.goto(bad.as_uri())
        ids = {violation["id"] for violation in axe_violations(page)}
    assert {"html-has-lang", "image-alt", "color-contrast"} <= ids
