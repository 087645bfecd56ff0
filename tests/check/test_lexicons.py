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


def test_a_compiled_lexicon_is_kept_by_content_and_read_back_the_same(
    tmp_path, own_result_cache, monkeypatch
) -> None:
    import stat

    from ehcplan import lexicons

    source = data_dir("lexicons") / "jargon.yaml"
    path = tmp_path / "jargon.yaml"
    path.write_bytes(source.read_bytes())
    first = lexicons._read_lexicon(path)
    [compiled] = (own_result_cache / "lexicons").glob("*.json")
    assert stat.S_IMODE(compiled.stat().st_mode) == 0o600
    assert stat.S_IMODE((own_result_cache / "lexicons").stat().st_mode) == 0o700

    def no_yaml(*_args):  # type: ignore[no-untyped-def]
        raise AssertionError("a kept lexicon is not parsed again")

    with monkeypatch.context() as patched:
        patched.setattr(lexicons, "_parsed_lexicon", no_yaml)
        again = lexicons._read_lexicon(path)
    assert again == first
    assert [again.expanded_patterns(entry) for entry in again.entries] == [
        first.expanded_patterns(entry) for entry in first.entries
    ]
    # An edited file is compiled anew; a damaged compiled file is read from the YAML instead.
    path.write_text(source.read_text(encoding="utf-8").replace("id: scaffolding\n", "id: scaffolds\n", 1))
    assert lexicons._read_lexicon(path).entry("scaffolds") is not None
    assert len(list((own_result_cache / "lexicons").glob("*.json"))) == 2
    compiled.write_text("{damaged", encoding="utf-8")
    path.write_bytes(source.read_bytes())
    assert lexicons._read_lexicon(path) == first


def test_of_two_entries_matching_the_same_words_the_first_in_the_lexicon_wins(tmp_path) -> None:
    from ehcplan.check.matching import find
    from ehcplan.check.pipeline import LanguageTools
    from ehcplan.lexicons import LexiconLibrary

    folder = tmp_path / "council"
    folder.mkdir()
    patterns = "[[LOWER: quiet, LOWER: space]]"
    (folder / "hedges.yaml").write_text(
        "name: hedges\ndescription: x\nentries:\n"
        f"  - id: zz-first\n    patterns: {patterns}\n"
        f"  - id: aa-second\n    patterns: {patterns}\n"
        "  - id: never-here\n    patterns: [[LOWER: trampoline]]\n",
        encoding="utf-8",
    )
    library = LexiconLibrary.with_folders([folder])
    tools = LanguageTools(lexicons=library, lexicon_state=library.state())
    [doc] = tools.tokenize(["Leo can use a quiet space when he is upset."])
    assert [
        (match.entry.id, match.span.text)
        for match in find(doc, "hedges")
        if match.entry.id in {"zz-first", "aa-second"}
    ] == [("zz-first", "quiet space")]
