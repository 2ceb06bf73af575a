"""The one error of the registry: bad seed input, reported as file:line before any fetch."""

from __future__ import annotations


class SeedError(ValueError):
    """Bad seed input. `problems` holds one 'file:line: message' string per problem."""

    def __init__(self, problems: str | list[str]):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))
