"""Capability shares, ranks and concentration within a group of states.

Inputs are state-year frames in the Correlates of War National Material Capabilities layout
(``ccode``, ``year``, ``milex``, ``milper``, ``irst``, ``pec``, ``tpop``, ``upop``, ``cinc``;
Singer, Bremer & Stuckey 1972; v6.0, Greig & Enterline 2021). Nothing here reads files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from ujym.engines.evidence import MIN_MEMBERS, Status

COMPONENTS: tuple[str, ...] = ("cinc", "milex", "milper", "irst", "pec", "tpop", "upop")
"""The NMC components ujym reports shares of (CINC first)."""

Group = Sequence[int] | Mapping[int, Sequence[int]] | Callable[[int], Iterable[int]]
"""A group of states: fixed COW codes, a mapping year → codes, or a function of the year."""


def _members(group: Group, year: int) -> set[int]:
    if callable(group):
        return {int(c) for c in group(year)}
    if isinstance(group, Mapping):
        return {int(c) for c in group.get(year, ())}
    return {int(c) for c in group}


def group_frame(
    nmc: pd.DataFrame, group: Group, years: Iterable[int] | None = None
) -> pd.DataFrame:
    """The rows of ``nmc`` for the states in ``group`` in each year (the group may change)."""
    all_years = sorted(set(nmc["year"].astype(int))) if years is None else sorted(set(years))
    keys = [(c, y) for y in all_years for c in sorted(_members(group, y))]
    frame = pd.DataFrame(keys, columns=["ccode", "year"]).astype(
        {"ccode": "int64", "year": "int64"}
    )
    data = nmc.astype({"ccode": "int64", "year": "int64"})
    return frame.merge(data, on=["ccode", "year"], how="left")


def capability_shares(
    nmc: pd.DataFrame,
    group: Group,
    *,
    components: Sequence[str] = COMPONENTS,
    years: Iterable[int] | None = None,
) -> pd.DataFrame:
    r"""Each member's share of the group's total of each capability component, and its rank.

    For member :math:`i` of group :math:`G_t` in year :math:`t` and component :math:`x`,

    .. math:: s_{it}^{x} = x_{it} / \sum_{j \in G_t} x_{jt}.

    A member with a missing value gets a missing share, and the year's ``complete_<x>`` flag is
    False (the shares of the others are then shares of the reported total). The rank is 1 for the
    largest value of ``rank_by`` (CINC) in the group that year.

    Parameters
    ----------
    nmc
        State-year frame with ``ccode``, ``year`` and the component columns.
    group
        COW codes (fixed), a mapping year → codes, or a function year → codes.
    components
        Columns to share out.
    years
        Years to report (default: every year in ``nmc``).

    Returns
    -------
    pandas.DataFrame
        One row per member-year: ``ccode, year``, the raw components, ``share_<x>``,
        ``complete_<x>`` and ``rank_cinc``.

    Examples
    --------
    >>> nmc = pd.DataFrame({"ccode": [365, 705, 702], "year": [2013] * 3,
    ...                     "cinc": [0.04, 0.003, 0.001]})
    >>> capability_shares(nmc, [365, 705, 702], components=["cinc"])["share_cinc"].round(3).tolist()
    [0.909, 0.023, 0.068]
    """
    frame = group_frame(nmc, group, years)
    grouped = frame.groupby("year")
    for x in components:
        total = grouped[x].transform(lambda s: s.sum(min_count=1))
        frame[f"share_{x}"] = frame[x] / total
        frame[f"complete_{x}"] = grouped[x].transform(lambda s: bool(s.notna().all()))
    if "cinc" in frame:
        frame["rank_cinc"] = grouped["cinc"].rank(ascending=False, method="min").astype("Int64")
    return frame.sort_values(["year", "ccode"]).reset_index(drop=True)


def concentration(shares: pd.DataFrame, *, component: str = "cinc") -> pd.DataFrame:
    r"""Herfindahl–Hirschman concentration of a component within the group, per year.

    .. math:: H_t = \sum_{i \in G_t} (s_{it})^2, \qquad
              H^{*}_t = \frac{H_t - 1/N_t}{1 - 1/N_t}\ (N_t > 1)

    :math:`H` runs from :math:`1/N` (equal shares) to 1 (one state holds everything);
    :math:`H^*` rescales it to 0–1 so groups of different size compare (the normalisation of
    Ray & Singer's 1973 concentration index CON). A year's figures need every member's value
    and at least two members (:data:`ujym.engines.evidence.MIN_MEMBERS`): a year where a
    member's value is missing, or with one member, gets NaN and the status ``insufficient``,
    never a number computed over part of the group (nor the 1.0 of a group of one).

    Shares covering no year (the data and the window do not meet) give an empty frame with the
    same columns, never an error.

    Returns
    -------
    pandas.DataFrame
        One row per year: ``year, n_members`` (members in ``shares``),
        ``n_members_present`` (members with a value), ``hhi, hhi_normalised, largest,
        largest_share`` and ``status`` (``ok`` or ``insufficient``).

    Examples
    --------
    >>> s = pd.DataFrame({"ccode": [365, 705], "year": [2013, 2013], "share_cinc": [0.5, 0.5],
    ...                   "complete_cinc": [True, True]})
    >>> concentration(s).loc[0, ["hhi", "hhi_normalised"]].tolist()
    [0.5, 0.0]
    >>> alone = concentration(s.iloc[:1].assign(share_cinc=1.0)).iloc[0]
    >>> int(alone["n_members_present"]), float(alone["hhi"]), alone["status"]
    (1, nan, 'insufficient')
    >>> list(concentration(s.iloc[0:0]).columns)
    ['year', 'n_members', 'n_members_present', 'hhi', 'hhi_normalised', 'largest', 'largest_share', 'status']
    """
    col = f"share_{component}"
    rows = []
    for year, g in shares.groupby("year"):
        n = len(g)
        present = int(g[col].notna().sum())
        complete = bool(g[f"complete_{component}"].all()) if n else False
        enough = complete and present >= MIN_MEMBERS
        hhi = float((g[col] ** 2).sum()) if enough else np.nan
        rows.append(
            {
                "year": int(year),
                "n_members": n,
                "n_members_present": present,
                "hhi": hhi,
                "hhi_normalised": (hhi - 1 / n) / (1 - 1 / n) if enough else np.nan,
                "largest": g.loc[g[col].idxmax(), "ccode"] if enough else pd.NA,
                "largest_share": float(g[col].max()) if enough else np.nan,
                "status": (Status.OK if enough else Status.INSUFFICIENT).value,
            }
        )
    columns = ["year", "n_members", "n_members_present", "hhi", "hhi_normalised", "largest",
               "largest_share", "status"]  # fmt: skip
    types = {"year": "int64", "n_members": "int64", "n_members_present": "int64",
             "hhi": "float64", "hhi_normalised": "float64", "largest": "Int64",
             "largest_share": "float64", "status": "object"}  # fmt: skip
    return pd.DataFrame(rows, columns=columns).astype(types)
