"""Errors and warnings a user can act on.

Every error ujym raises for bad input is a :class:`UjymError`: its ``str()`` is one line that names
the problem and the fix, and it carries the exit code the command line uses.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented exit codes of the ``ujym`` command line."""

    OK = 0
    PROBLEMS_FOUND = 1  # e.g. `casebook validate` found problems
    BAD_INPUT = 2  # unknown code, absurd parameter, malformed file
    DATA_MISSING = 3  # a dataset is not in the cache yet
    DOWNLOAD_FAILED = 4  # network error, checksum mismatch, truncated download


class UjymWarning(UserWarning):
    """A warning from ujym; the test suite turns these into errors."""


class UjymError(Exception):
    """A problem the user can fix.

    Parameters
    ----------
    problem
        What is wrong, naming the file, row, column or code concerned.
    fix
        What to do about it (a command, a value range, a file to edit).
    """

    exit_code: ExitCode = ExitCode.BAD_INPUT

    def __init__(self, problem: str, fix: str | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.problem} — {self.fix}" if self.fix else self.problem


class UnknownCodeError(UjymError):
    """An actor, organisation, country, claim or dataset code that ujym does not know."""


class DataNotAvailableError(UjymError):
    """A dataset is not in the local cache."""

    exit_code = ExitCode.DATA_MISSING


class DownloadError(UjymError):
    """A download failed or did not verify."""

    exit_code = ExitCode.DOWNLOAD_FAILED


class DataFormatError(UjymError):
    """A file is not in the publisher's format (columns, codes, truncation)."""


class WrongUnitError(UjymError):
    """A frame of the wrong unit of analysis (or not made by ujym) was given to a verb."""
