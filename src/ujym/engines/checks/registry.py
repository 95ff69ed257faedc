"""Check functions register with a decorator; the registry is built from the decorators.

A module of :mod:`ujym.engines.checks` declares a check with::

    @check("C9", datasets=("cow_nmc",))
    def burden(data: CheckData, window: Window) -> Finding: ...

and nothing else: every module of the package is imported when the registry is first asked for,
so no list of modules or claim ids is kept by hand. The text of the check (operationalisation,
rule, reference sets, what it cannot see) is the claim's ``check:`` block in the casebook; a claim
ujym does not test has a ``not_testable:`` block instead. :func:`registry` pairs a casebook's
claims with the registered functions.

A test or a notebook can register a check without touching the package's registry:

>>> from ujym.engines.checks.base import Finding
>>> mine = registered().copy()
>>> @mine.check("C99", datasets=("cow_igo_sy",))
... def igo_count(data, window):
...     raise NotImplementedError
>>> "C99" in mine, "C99" in registered()
(True, False)
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterator, Mapping

from ujym.core.casebook import Casebook
from ujym.core.errors import ExitCode, UjymError
from ujym.engines.checks.base import Check, CheckFunction, CheckRun, NotTestable, Window

CLAIM_ID = re.compile(r"^C\d+$")
_NOT_CHECKS = frozenset({"base", "registry", "groups"})
"""Modules of the package that hold no check functions."""


class CheckRegistryError(UjymError):
    """A check registered twice, or a casebook and the registered checks that disagree."""

    exit_code = ExitCode.PROBLEMS_FOUND


class Registry(Mapping[str, CheckFunction]):
    """Check functions by claim id; :meth:`check` is the decorator that adds one."""

    def __init__(self, functions: Mapping[str, CheckFunction] | None = None) -> None:
        self._functions: dict[str, CheckFunction] = dict(functions or {})

    def check(
        self,
        claim: str,
        *,
        datasets: tuple[str, ...] = (),
        window: tuple[int, int] | None = None,
        latest_span: int = 3,
    ) -> Callable[[CheckRun], CheckRun]:
        """Register the decorated function as the check of ``claim``.

        Parameters
        ----------
        claim
            The claim id (``"C9"``); the claim's ``check:`` block in the casebook holds the text.
        datasets
            Catalog dataset ids the function reads (``"votes"`` for UN General Assembly roll
            calls); ``()`` for a record check that reads only the casebook.
        window
            ``(first, last)`` year for a claim about a fixed past moment: the check runs in
            that window only, instead of the article's time and the latest data.
        latest_span
            Years of the latest window (ending at the last year every dataset covers).
        """
        if not CLAIM_ID.match(claim):
            raise ValueError(f"check for {claim!r}: a claim id looks like 'C9'")
        if isinstance(datasets, str):
            raise ValueError(f"check for {claim}: datasets must be a tuple, e.g. ({datasets!r},)")
        fixed = Window("claim", *window) if window is not None else None

        def register(func: CheckRun) -> CheckRun:
            self.add(CheckFunction(claim, tuple(datasets), func, fixed, latest_span))
            return func

        return register

    def add(self, function: CheckFunction) -> None:
        """Add ``function``; a second function for the same claim is an error."""
        if function.claim in self._functions:
            other = self._functions[function.claim]
            raise CheckRegistryError(
                f"two check functions for {function.claim}: {other.name} and {function.name}",
                "keep one of them",
            )
        self._functions[function.claim] = function

    def copy(self) -> Registry:
        """A registry with the same functions, to which more can be added."""
        return Registry(self._functions)

    def names(self) -> dict[str, str]:
        """Claim id → the dotted name of its function (what the casebook validator needs)."""
        return {claim: f.name for claim, f in self._functions.items()}

    def __getitem__(self, claim: str) -> CheckFunction:
        return self._functions[claim]

    def __iter__(self) -> Iterator[str]:
        return iter(self._functions)

    def __len__(self) -> int:
        return len(self._functions)


_REGISTRY = Registry()
check = _REGISTRY.check
"""The decorator that registers a check function of the package (see the module docstring)."""

_discovered = False


def registered() -> Registry:
    """The package's check functions (every module of :mod:`ujym.engines.checks` imported)."""
    global _discovered
    if not _discovered:
        package = importlib.import_module("ujym.engines.checks")
        for module in pkgutil.iter_modules(package.__path__):
            if module.name not in _NOT_CHECKS:
                importlib.import_module(f"{package.__name__}.{module.name}")
        _discovered = True
    return _REGISTRY


def checks() -> dict[str, CheckFunction]:
    """All registered check functions by claim id."""
    return dict(registered())


def fixed_windows() -> dict[str, Window]:
    """Claims checked in a fixed historical window instead of article/latest."""
    return {c: f.window for c, f in registered().items() if f.window is not None}


def registry(
    casebook: Casebook, functions: Mapping[str, CheckFunction] | None = None
) -> dict[str, Check | NotTestable]:
    """Each casebook claim → its check (function and ``check:`` block), or :class:`NotTestable`.

    ``functions`` defaults to the package's registered checks. A claim whose ``check:`` block has
    no function, or a ``not_testable:`` claim with a function, raises :class:`CheckRegistryError`
    (``ujym casebook validate`` lists them with file and line). A claim with neither block (only
    a casebook built in code can have one) is not checked: it is listed as not testable.
    """
    functions = registered() if functions is None else functions
    found: dict[str, Check | NotTestable] = {}
    for claim in casebook.claims:
        function = functions.get(claim.id)
        if claim.check is not None and function is not None:
            found[claim.id] = Check(function, claim.check)
        elif claim.check is not None:
            raise CheckRegistryError(
                f"claim {claim.id} has a check: block but no check function is registered for it",
                f"decorate a function with @check({claim.id!r}, datasets=...) (docs/checks.md)",
            )
        elif function is not None and claim.not_testable is not None:
            raise CheckRegistryError(
                f"a check function is registered for {claim.id} ({function.name}) but the claim "
                "has no check: block",
                f"write a check: block in {claim.id}'s file under the casebook's claims/ "
                "(docs/checks.md)",
            )
        else:
            reason = claim.not_testable
            found[claim.id] = NotTestable(
                claim.id,
                reason.reason.value if reason else "needs-data",
                claim.datasets,
                reason.explanation if reason else None,
            )
    return found
