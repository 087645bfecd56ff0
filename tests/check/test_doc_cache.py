"""Within one process a text is parsed once: the same docs, readings and findings, less work."""

from __future__ import annotations

from testkit import SAMPLES

from ehcplan.check.checker import check_plan
from ehcplan.check.pipeline import DocCache, LanguageTools, _cache_of
from ehcplan.readers import read_plan


def test_a_text_seen_before_is_not_parsed_again(monkeypatch) -> None:
    tools = LanguageTools()
    first = tools.parse(["Maya will read 40 words by July 2027.", "Maya will read 40 words by July 2027."])
    assert first[0] is first[1], "a text twice in one batch is parsed once"
    made: list[str] = []
    real = DocCache.get_or_make

    def counting(self, texts, make):  # type: ignore[no-untyped-def]
        return real(self, texts, lambda missing: (made.extend(missing), make(missing))[1])

    monkeypatch.setattr(DocCache, "get_or_make", counting)
    again = tools.parse(["Maya will read 40 words by July 2027.", "Leo will ask for help in class."])
    assert made == ["Leo will ask for help in class."]
    assert again[0] is first[0]


def test_the_cache_keeps_the_newest_and_forgets_the_oldest() -> None:
    cache = DocCache(size=2)
    cache.get_or_make(["a", "b"], lambda missing: list(missing))  # type: ignore[arg-type, return-value]
    cache.get_or_make(["a", "c"], lambda missing: list(missing))  # type: ignore[arg-type, return-value]
    assert list(cache.docs) == ["a", "c"]


def test_a_re_check_after_an_edit_finds_what_a_fresh_check_finds() -> None:
    plan = read_plan(SAMPLES / "weak-plan-example.yaml")
    check_plan(plan, "weak.yaml")
    edited = plan.model_copy(deep=True)
    item = next(item for _letter, item in edited.items("F"))
    item.text = "Ryan will have access to support as needed."
    warm = check_plan(edited, "weak.yaml")
    _cache_of.cache_clear()  # every doc made again, with nothing kept on it
    fresh = check_plan(edited, "weak.yaml")
    assert [finding.to_json() for finding in warm.findings] == [
        finding.to_json() for finding in fresh.findings
    ]
    assert any(finding.item == item.id and finding.rule.startswith("PROV") for finding in warm.findings)
