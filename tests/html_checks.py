"""What every HTML page ehcplan writes must have (plans and audit reports), checked on its markup."""

from __future__ import annotations

import base64
import hashlib
import itertools

import lxml.html


def parse(page: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(page)


def text_of(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def assert_accessible_structure(page: str) -> None:
    """What every page must have, whatever the plan."""
    doc = parse(page)
    assert doc.get("lang") == "en-GB"
    assert doc.xpath("//meta[@name='viewport']")
    assert len(doc.xpath("//h1")) == 1
    levels = [int(h.tag[1]) for h in doc.xpath("//h1|//h2|//h3|//h4|//h5|//h6")]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), f"heading levels skip: {levels}"
    for landmark in ("header", "nav", "main", "footer"):
        assert len(doc.xpath(f"//{landmark}")) == 1, landmark
    assert not doc.xpath("//main//header|//main//footer|//header//main")
    skip = doc.xpath("//body/*[1]")[0]
    assert skip.tag == "a" and skip.get("href") == "#main" and doc.get_element_by_id("main").tag == "main"
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids)), "ids are unique"
    for link in doc.xpath("//a[starts-with(@href, '#')]"):
        assert doc.xpath(f"//*[@id='{link.get('href')[1:]}']"), f"link to a missing id: {link.get('href')}"
    for table in doc.xpath("//table"):
        assert text_of(table.xpath("caption")[0])
        assert all(th.get("scope") in ("col", "row") for th in table.xpath(".//th"))
    assert_self_contained(doc)


def assert_self_contained(doc: lxml.html.HtmlElement) -> None:
    """No scripts, no requests; the only stylesheet is inline and allowed by its hash."""
    assert not doc.xpath("//script|//link|//iframe|//object|//embed")
    for url in doc.xpath("//@src|//@href"):
        assert url.startswith(("#", "data:")), url
    [style] = doc.xpath("//style")
    [policy] = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    digest = base64.b64encode(hashlib.sha256(style.text.encode("utf-8")).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy and "unsafe" not in policy
    assert not doc.xpath("//@style"), "inline style attributes would be blocked by the policy"
