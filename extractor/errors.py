"""Errors a user can act on: each names the file, what is wrong and what to do."""

from __future__ import annotations


class PolicyKGError(Exception):
    """Base class of every error policykg reports to a user (never a traceback)."""


class InputError(PolicyKGError):
    """A file cannot be read as a policy document."""

    def __init__(self, path: str, problem: str, hint: str = "") -> None:
        self.path = path
        self.problem = problem
        self.hint = hint
        message = f"{path}: {problem}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)
