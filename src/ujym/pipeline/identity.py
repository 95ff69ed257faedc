"""ISO3 codes and names in kk/ru/en beside the COW codes of a frame.

Every state and dyad frame of the public API keys its rows by Correlates of War codes
(``ccode``; ``ccode1, ccode2``). The identity columns say which states those are without a
look-up, from the crosswalk ``ujym/data/countries.csv`` (:mod:`ujym.sources.codes`):

State frames (one state per row)
    ``iso3``  ISO 3166-1 alpha-3 code (a historical state: the crosswalk's code; the USSR shares
    Russia's 365 and so ``RUS``)
    ``name_en``, ``name_kk``, ``name_ru``  the state's name in English, Kazakh and Russian

Dyad frames (two states per row)
    the same columns for each side, suffixed like the codes: ``iso3_1, iso3_2, name_en_1,
    name_en_2, name_kk_1, name_kk_2, name_ru_1, name_ru_2``

The names are fixed per column, not in the interface language, so a frame reads the same
whatever ``--lang`` or ``UJYM_LANG`` says. In dyad frames the columns are pandas categoricals
(a full panel has about a million rows and a few hundred distinct states); in state frames they
are strings. A code the crosswalk does not know gets missing values, never a guess.

Examples
--------
>>> import pandas as pd
>>> ident = state_identity(pd.Series([705, 365]))
>>> ident["iso3"].tolist(), ident["name_ru"].tolist()
(['KAZ', 'RUS'], ['Казахстан', 'Россия'])
>>> list(DYAD_COLUMNS)[:4]
['iso3_1', 'iso3_2', 'name_en_1', 'name_en_2']
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import numpy.typing as npt
import pandas as pd

from ujym.sources.codes import load_countries

STATE_COLUMNS: dict[str, str] = {
    "iso3": "ISO 3166-1 alpha-3 code",
    "name_en": "state name in English",
    "name_kk": "state name in Kazakh",
    "name_ru": "state name in Russian",
}
"""The identity columns of a state frame, with their meaning (for the provenance)."""

DYAD_COLUMNS: dict[str, str] = {
    f"{column}_{side}": f"{what}, {'first' if side == 1 else 'second'} state"
    for column, what in STATE_COLUMNS.items()
    for side in (1, 2)
}
"""The identity columns of a dyad frame: each state column for ``ccode1`` (``_1``) and
``ccode2`` (``_2``), in the order ``iso3_1, iso3_2, name_en_1, name_en_2, …``."""


@lru_cache(maxsize=1)
def _table() -> tuple[npt.NDArray[np.int64], dict[str, list[str]]]:
    """The crosswalk's COW codes (sorted) and each identity column's values in that order."""
    countries = load_countries()
    codes = np.array([c.ccode for c in countries], dtype=np.int64)
    values = {
        "iso3": [c.iso3 for c in countries],
        "name_en": [c.names.en for c in countries],
        "name_kk": [c.names.kk for c in countries],
        "name_ru": [c.names.ru for c in countries],
    }
    return codes, values


def _positions(ccodes: pd.Series | npt.ArrayLike) -> npt.NDArray[np.int64]:
    """Each code's row in the crosswalk, or -1 for a code it does not know (or a missing one)."""
    codes, _values = _table()
    given = ccodes if isinstance(ccodes, pd.Series) else pd.Series(np.asarray(ccodes))
    if not pd.api.types.is_numeric_dtype(given.dtype):
        given = pd.to_numeric(given, errors="coerce")
    values = given.to_numpy(dtype=np.float64, na_value=np.nan)  # vectorised: a panel's million
    # COW codes are small integers: a look-up table indexed by the code is one gather per row
    row_of = np.full(int(codes.max()) + 1, -1, dtype=np.int64)
    row_of[codes] = np.arange(len(codes))
    inside = (values >= 0) & (values < len(row_of)) & (values == np.floor(values))
    return np.where(inside, row_of[np.where(inside, values, 0).astype(np.int64)], -1)


@lru_cache(maxsize=len(STATE_COLUMNS))
def _categories(column: str) -> tuple[pd.Index, npt.NDArray[np.intp]]:
    """The distinct values of ``column`` and each crosswalk row's position among them (two
    identities may share a value, not so today: one category for both).
    """
    _codes, values = _table()
    unique, inverse = np.unique(np.asarray(values[column], dtype=object), return_inverse=True)
    return pd.Index(unique, dtype="str"), inverse


def _categorical(column: str, rows: npt.NDArray[np.int64]) -> pd.Categorical:
    """``column`` of the crosswalk at ``rows`` as a categorical (-1: missing)."""
    categories, inverse = _categories(column)
    codes = np.where(rows >= 0, inverse[np.maximum(rows, 0)], -1)
    return pd.Categorical.from_codes(codes, categories=categories)


def state_identity(ccodes: pd.Series | npt.ArrayLike, *, categorical: bool = False) -> pd.DataFrame:
    """The identity columns (:data:`STATE_COLUMNS`) of each COW code in ``ccodes``, in order.

    Parameters
    ----------
    ccodes
        COW codes (ints; missing or unknown codes give missing values).
    categorical
        Categorical columns (for large frames) instead of strings.

    Returns
    -------
    pandas.DataFrame
        One row per code (a fresh ``RangeIndex``), columns ``iso3, name_en, name_kk, name_ru``.

    Examples
    --------
    >>> state_identity([705, 999])["name_kk"].tolist()
    ['Қазақстан', nan]
    """
    rows = _positions(ccodes)
    out = {}
    for column in STATE_COLUMNS:
        cat = _categorical(column, rows)
        out[column] = cat if categorical else pd.array(np.asarray(cat, dtype=object), dtype="str")
    return pd.DataFrame(out)


def with_state_identity(df: pd.DataFrame, *, after: str = "ccode") -> pd.DataFrame:
    """``df`` with the state identity columns of its ``ccode`` column, placed after ``after``.

    Columns already present are left as they are (a frame that has ``iso3`` keeps it); the
    others are inserted. ``df`` is modified in place and returned (callers pass a fresh frame).

    Examples
    --------
    >>> import pandas as pd
    >>> with_state_identity(pd.DataFrame({"ccode": [705]})).columns.tolist()
    ['ccode', 'iso3', 'name_en', 'name_kk', 'name_ru']
    """
    ident = state_identity(df["ccode"])
    at = df.columns.get_loc(after) + 1
    for column in STATE_COLUMNS:
        if column in df.columns:
            at = int(df.columns.get_loc(column)) + 1
            continue
        df.insert(at, column, ident[column].to_numpy())
        at += 1
    return df


def with_dyad_identity(df: pd.DataFrame, *, after: str) -> pd.DataFrame:
    """``df`` with the dyad identity columns (:data:`DYAD_COLUMNS`) of ``ccode1, ccode2``,
    inserted after column ``after`` as categoricals; in place, returned.

    Examples
    --------
    >>> import pandas as pd
    >>> df = with_dyad_identity(pd.DataFrame({"ccode1": [705], "ccode2": [2], "year": [2013]}),
    ...                         after="year")
    >>> df[["iso3_1", "iso3_2", "name_en_2"]].iloc[0].tolist()
    ['KAZ', 'USA', 'United States']
    """
    sides = {side: state_identity(df[f"ccode{side}"], categorical=True) for side in (1, 2)}
    at = int(df.columns.get_loc(after)) + 1
    for column in DYAD_COLUMNS:
        if column not in df.columns:
            base, _sep, side = column.rpartition("_")
            df.insert(at, column, sides[int(side)][base].array)
            at += 1
    return df


__all__ = [
    "DYAD_COLUMNS",
    "STATE_COLUMNS",
    "state_identity",
    "with_dyad_identity",
    "with_state_identity",
]
