"""Reading items closely: what an outcome or a piece of provision states, from lexicons and grammar.

Rules ask these readings questions; the readings hold the logic once, so rules stay small.
"""
