"""The check stage: the language pipeline, lexicon matching, analyses of items, rules and grades."""
