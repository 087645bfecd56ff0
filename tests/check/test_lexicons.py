"""Every lexicon file loads, validates, and its patterns are valid spaCy Matcher patterns."""

from __future__ import annotations

import pytest

from ehcplan.check.matching import matchers_for, pattern_anchors
from ehcplan.check.pipeline import BUILT_IN_TOOLS
from ehcplan.lexicons import BUILT_IN_LEXICONS
from ehcplan.paths import data_dir

NAMES = sorted(path.stem for path in data_dir("lexicons").glob("*.yaml"))


@pytest.mark.parametrize("name", NAMES)
def test_lexicon_loads_and_its_patterns_validate(name: str) -> None:
    lexicon = BUILT_IN_LEXICONS.load(name)
    assert lexicon.entries or any(lexicon.lists.values()), f"{name} has no entries and no word lists"
    matchers_for(BUILT_IN_TOOLS, name, validate=True)


def test_language_lexicons_need_no_tagger() -> None:
    # The language rules run on the tokenizer alone, so their patterns may not ask for tags.
    for name in ("jargon", "plain_words", "deficit", "acronyms", "statutory", "person_centred"):
        for entry in BUILT_IN_LEXICONS.load(name).entries:
            for pattern in entry.patterns:
                for token in pattern:
                    assert not {"POS", "TAG", "DEP", "LEMMA", "MORPH"} & set(token), f"{name}:{entry.id}"


def test_pattern_anchors_choose_the_rarest_required_word() -> None:
    pattern = [
        {"LOWER": {"IN": ["is", "was"]}},
        {"LOWER": "very", "OP": "?"},
        {"LOWER": {"IN": ["naughty", "lazy"]}},
    ]
    assert pattern_anchors(pattern) == {"naughty", "lazy"}
    assert pattern_anchors([{"LIKE_NUM": True}, {"LOWER": "x", "OP": "?"}]) is None


def test_a_bad_lexicon_names_the_file_and_entry(tmp_path) -> None:
    from ehcplan.errors import EhcplanError
    from ehcplan.lexicons import _read_lexicon

    path = tmp_path / "ours.yaml"
    path.write_text("name: ours\ndescription: x\nentries:\n  - id: Bad Id\n    phrases: [x]\n")
    with pytest.raises(EhcplanError, match=r"ours.yaml: entry 'Bad Id' id"):
        _read_lexicon(path)


def test_a_lexicon_with_a_key_twice_is_refused_with_the_line(tmp_path) -> None:
    from ehcplan.errors import EhcplanError
    from ehcplan.lexicons import _read_lexicon

    path = tmp_path / "ours.yaml"
    path.write_text("name: ours\ndescription: x\nname: again\nentries: []\n")
    with pytest.raises(
        EhcplanError, match=r"ours.yaml: cannot read this lexicon: line 3: 'name' appears twice"
    ):
        _read_lexicon(path)
