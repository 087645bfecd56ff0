"""A parse kept as labels alone: restored, it is the same parse; kept, it holds no words."""

from __future__ import annotations

import json

import pytest
from testkit import SAMPLES

from ehcplan.check import pipeline
from ehcplan.check.annotations import Annotations, annotations_of, restore
from ehcplan.check.pipeline import LanguageTools
from ehcplan.check.text_units import text_units
from ehcplan.readers import read_plan


def _sample_texts() -> list[str]:
    texts = {unit.text for path in sorted(SAMPLES.glob("*.yaml")) for unit in text_units(read_plan(path))}
    return sorted(texts)


def _reading(doc):  # type: ignore[no-untyped-def]
    """Everything a rule reads of a parsed doc."""
    tokens = [
        (t.text, t.tag_, t.pos_, str(t.morph), t.dep_, t.head.i, t.lemma_, t.is_sent_start, t.ent_type_)
        for t in doc
    ]
    return tokens, [s.text for s in doc.sents], [c.text for c in doc.noun_chunks]


def test_restored_labels_give_the_same_parse_for_every_sample_text() -> None:
    tools = LanguageTools()
    texts = _sample_texts()
    assert len(texts) > 200
    for text, doc in zip(texts, tools.nlp.pipe(texts), strict=True):
        kept = Annotations.from_plain(json.loads(json.dumps(annotations_of(doc).to_plain())))
        assert kept is not None
        restored = restore(tools.nlp.tokenizer(text), kept)
        assert restored is not None and _reading(restored) == _reading(doc), text


def test_labels_hold_no_words_of_the_plan() -> None:
    tools = LanguageTools()
    plan = read_plan(SAMPLES / "primary-year5-leo.yaml")
    texts = [unit.text for unit in text_units(plan)]
    kept = json.dumps([annotations_of(doc).to_plain() for doc in tools.nlp.pipe(texts)])
    words = {word.strip(".,;:()'\"").lower() for text in texts for word in text.split()}
    long_words = {word for word in words if len(word) >= 6 and word.isalpha()}
    assert long_words, "the sample has words to look for"
    found = [word for word in long_words if f'"{word}"' in kept.lower()]
    assert found == [], f"plan words kept in the labels: {found[:5]}"
    assert plan.details.child.name.split()[0].lower() not in kept.lower()


def test_labels_that_do_not_fit_the_text_are_refused() -> None:
    tools = LanguageTools()
    labels = annotations_of(tools.nlp("Leo reads well."))
    assert restore(tools.nlp.tokenizer("Leo reads very well today."), labels) is None
    assert Annotations.from_plain([["NN"], [], [], [], [], []]) is None  # columns of different lengths
    assert Annotations.from_plain("not labels") is None
    assert Annotations.from_plain(None) is None


def test_a_large_batch_shared_with_a_helper_gives_the_same_docs(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _sample_texts()[:80]
    alone = LanguageTools(lexicon_state=("alone",))  # tools of their own: nothing kept from another test
    shared = LanguageTools(lexicon_state=("shared",), parse_workers=2)
    monkeypatch.setattr(pipeline, "SHARED_PARSE_MIN_CHARS", 0)
    from_helper: list[str] = []
    real = pipeline.restore
    monkeypatch.setattr(
        pipeline, "restore", lambda doc, labels: (from_helper.append(doc.text), real(doc, labels))[1]
    )
    by_one = [_reading(doc) for doc in alone.parse(texts)]
    assert from_helper == []
    by_two = [_reading(doc) for doc in shared.parse(texts)]
    assert 10 < len(from_helper) < len(texts), "about half the batch was parsed by the helper"
    assert by_one == by_two


def test_shares_are_in_order_and_about_even() -> None:
    texts = [str(n) * n for n in range(1, 30)]
    shares = pipeline._shares(texts, 2)
    assert [text for share in shares for text in share] == texts
    sizes = [sum(map(len, share)) for share in shares]
    assert abs(sizes[0] - sizes[1]) <= max(map(len, texts))
