"""Plain JSON values from what analysis code holds (numpy scalars, ranges, tuples, NaN)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any


def jsonable(value: Any, digits: int | None = None) -> Any:
    """``value`` as JSON-able Python: numbers, strings, lists and dicts (NaN becomes None).

    numpy scalars and arrays become Python numbers and lists (through their ``tolist()``, so
    numpy need not be imported), floats are rounded to ``digits`` when given, sequences and sets become
    lists, mappings dicts with string keys; anything else its ``str()``.

    >>> import numpy as np
    >>> jsonable({"years": (1992, np.int16(2019)), "share": np.float64(0.123456), "x": float("nan")}, 3)
    {'years': [1992, 2019], 'share': 0.123, 'x': None}
    >>> jsonable(range(2011, 2014))
    [2011, 2012, 2013]
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):  # numpy's float64 too
        if math.isnan(value):
            return None
        return round(float(value), digits) if digits is not None else float(value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v, digits) for k, v in value.items()}
    if isinstance(value, (list, tuple, range, set, frozenset)):
        return [jsonable(v, digits) for v in value]
    tolist = getattr(value, "tolist", None)  # numpy scalars and arrays, pandas series
    if callable(tolist):
        return jsonable(tolist(), digits)
    return str(value)


__all__ = ["jsonable"]
