"""Check functions register with a decorator; the registry is built from the decorators.

A module of :mod:`ujym.engines.checks` declares a check with::

    @check("C9", datasets=("cow_nmc",))
    def burden(data: CheckData, window: Window) -> Finding: ...

and nothing else: every module of the package is imported when the registry is first asked for,
so no list of modules or claim ids is kept by hand. The text of the check (operationalisation,
rule, reference sets, what it cannot see) is the claim's ``check:`` block in the casebook; a claim
ujym does not test has a ``not_testable:`` block instead. :func:`registry` pairs a casebook's
claims with the registered functions.

A check that fits claims of any article is a *method*: registered by name with
:meth:`Registry.method` (``@method("capability-rank", datasets=("cow_nmc",),
parameters=("state", "rank"))``), it reads the article's subject and the ``parameters`` of the
claim's ``check:`` block, which names it (``method: capability-rank``). A casebook of another
organisation checks its claims with methods, without code of its own (decision 0008).

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
from dataclasses import replace

from ujym.core.casebook import SEED_ARTICLE, Casebook, claim_key
from ujym.core.claims import CheckDescription
from ujym.core.errors import ExitCode, UjymError
from ujym.engines.checks.base import Check, CheckFunction, CheckRun, Method, NotTestable, Window

CLAIM_ID = re.compile(r"^C\d+$")
METHOD_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_NOT_CHECKS = frozenset({"base", "registry", "groups"})
"""Modules of the package that hold no check functions."""


class CheckRegistryError(UjymError):
    """A check registered twice, or a casebook and the registered checks that disagree."""

    exit_code = ExitCode.PROBLEMS_FOUND


class Registry(Mapping[str, CheckFunction]):
    """Check functions by claim key (:func:`~ujym.core.casebook.claim_key`: ``C9`` for the CSTO
    article, ``<article>:C1`` for another) and generic methods by name; :meth:`check` and
    :meth:`method` are the decorators that add them.
    """

    def __init__(
        self,
        functions: Mapping[str, CheckFunction] | None = None,
        methods: Mapping[str, Method] | None = None,
    ) -> None:
        self._functions: dict[str, CheckFunction] = dict(functions or {})
        self._methods: dict[str, Method] = dict(methods or {})

    def check(
        self,
        claim: str,
        *,
        article: str = SEED_ARTICLE,
        datasets: tuple[str, ...] = (),
        window: tuple[int, int] | None = None,
        latest_span: int = 3,
    ) -> Callable[[CheckRun], CheckRun]:
        """Register the decorated function as the check of ``claim``.

        Parameters
        ----------
        claim
            The claim id (``"C9"``); the claim's ``check:`` block in the casebook holds the text.
        article
            The id of the article the claim belongs to (default: the CSTO article's); the
            function is registered under :func:`~ujym.core.casebook.claim_key`.
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
            self.add(CheckFunction(claim, tuple(datasets), func, fixed, latest_span, article))
            return func

        return register

    def method(
        self,
        name: str,
        *,
        datasets: tuple[str, ...] = (),
        parameters: tuple[str, ...] = (),
        latest_span: int = 3,
    ) -> Callable[[CheckRun], CheckRun]:
        """Register the decorated function as the generic check method ``name``.

        Parameters
        ----------
        name
            The method's name in a ``check:`` block (``method: capability-rank``), kebab-case.
        datasets
            Catalog dataset ids the function reads, as for :meth:`check`.
        parameters
            The names the claim's ``parameters:`` must give (the function reads them with
            :meth:`~ujym.engines.checks.base.CheckData.parameter`).
        latest_span
            Years of the latest window.
        """
        if not METHOD_NAME.match(name):
            raise ValueError(f"check method {name!r}: a method name looks like 'capability-rank'")
        if name in self._methods:
            other = self._methods[name].function
            raise CheckRegistryError(f"two check methods named {name}: {other.name}", "keep one")

        def register(func: CheckRun) -> CheckRun:
            function = CheckFunction("", tuple(datasets), func, None, latest_span)
            self._methods[name] = Method(name, function, tuple(parameters))
            return func

        return register

    def methods(self) -> dict[str, Method]:
        """The generic check methods by name."""
        return dict(self._methods)

    def add(self, function: CheckFunction) -> None:
        """Add ``function``; a second function for the same claim is an error."""
        key = claim_key(function.article, function.claim)
        if key in self._functions:
            other = self._functions[key]
            raise CheckRegistryError(
                f"two check functions for {key}: {other.name} and {function.name}",
                "keep one of them",
            )
        self._functions[key] = function

    def copy(self) -> Registry:
        """A registry with the same functions and methods, to which more can be added."""
        return Registry(self._functions, self._methods)

    def names(self) -> dict[str, str]:
        """Claim id or method name → the dotted name of its function (for the validator)."""
        methods = {name: m.function.name for name, m in self._methods.items()}
        return {**{claim: f.name for claim, f in self._functions.items()}, **methods}

    def __getitem__(self, claim: str) -> CheckFunction:
        return self._functions[claim]

    def __iter__(self) -> Iterator[str]:
        return iter(self._functions)

    def __len__(self) -> int:
        return len(self._functions)


_REGISTRY = Registry()
check = _REGISTRY.check
"""The decorator that registers a check function of the package (see the module docstring)."""
method = _REGISTRY.method
"""The decorator that registers a generic check method of the package (see the module docstring)."""

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
    methods = functions.methods() if isinstance(functions, Registry) else registered().methods()
    found: dict[str, Check | NotTestable] = {}
    for claim in casebook.claims:
        function = functions.get(claim_key(casebook.article.id, claim.id))
        if claim.check is not None and claim.check.method is not None:
            found[claim.id] = Check(_bind(methods, claim.id, claim.check), claim.check)
        elif claim.check is not None and function is not None:
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


def _bind(methods: Mapping[str, Method], claim: str, block: CheckDescription) -> CheckFunction:
    """The method a claim's ``check:`` block names, bound to the claim; errors say what to fix."""
    found = methods.get(block.method or "")
    if found is None:
        known = ", ".join(sorted(methods)) or "none"
        raise CheckRegistryError(
            f"claim {claim} names the check method {block.method!r}, which ujym does not have",
            f"use one of: {known} (docs/checks.md)",
        )
    missing = [p for p in found.parameters if p not in block.parameters]
    if missing:
        raise CheckRegistryError(
            f"claim {claim}: the check method {found.name} needs the parameters "
            f"{', '.join(found.parameters)}; {', '.join(missing)} missing",
            f"add them under parameters: in {claim}'s check: block (docs/checks.md)",
        )
    return replace(found.function, claim=claim)
