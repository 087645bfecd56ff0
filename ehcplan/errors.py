"""The project's own errors. Each carries a message a caseworker can act on, one line per problem."""

from __future__ import annotations

# Control characters (C0, DEL, C1): in a file name printed to a terminal they could move the
# cursor or change colours, so they are shown as "?".
_UNPRINTABLE = {code: "?" for code in (*range(0, 32), *range(127, 160))}

# More problems than a screenful are not read; the first ones are what to put right.
MAX_PROBLEMS_SHOWN = 10


def printable(name: str) -> str:
    """A file name safe to print: control characters shown as '?'."""
    return name.translate(_UNPRINTABLE)


class EhcplanError(Exception):
    """Something the user can put right: bad input, a bad option, a file in the way. Exit code 2."""

    exit_code = 2

    def lines(self) -> list[str]:
        """The message as one line per problem."""
        return [str(self)]


class PlanFileError(EhcplanError):
    """A plan file that cannot be read, or does not describe a valid plan."""

    def __init__(self, path: str, problems: list[str] | str) -> None:
        self.path = printable(path)
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__(self.lines()[0] if self.problems else path)

    def lines(self) -> list[str]:
        """One line per problem, the first MAX_PROBLEMS_SHOWN of them: a file of 50,000 unknown
        fields is reported in a screenful, not 50,000 lines."""
        shown = [
            problem if problem.startswith(self.path) else f"{self.path}: {problem}"
            for problem in self.problems[:MAX_PROBLEMS_SHOWN]
        ]
        hidden = len(self.problems) - len(shown)
        if hidden > 0:
            shown.append(f"{self.path}: and {hidden:,} more problems; put these right and check again")
        return shown
