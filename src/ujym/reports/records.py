r"""A frame's records as bytes, with its provenance: what the command line writes and the web
explorer serves (the same records either way).

- JSON: ``{"ujym": <provenance>, "rows": [...]}``;
- Parquet: the provenance in the file's key-value metadata under ``ujym``;
- CSV: the data as is (CSV has no place for the provenance: the command line writes it beside
  the file, the explorer serves it at the JSON address).

The provenance is :meth:`ujym.core.provenance.Provenance.to_dict`.

Examples
--------
>>> import pandas as pd
>>> from ujym.core.provenance import Provenance, Unit, attach
>>> df = attach(pd.DataFrame({"year": [1992], "value": [0.5]}), Provenance(Unit.STATE_YEAR))
>>> frame_bytes(df, "csv").decode()
'year,value\n1992,0.5\n'
>>> import json
>>> json.loads(frame_bytes(df, "json"))["rows"]
[{'year': 1992, 'value': 0.5}]
"""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING, Any

from ujym.core.errors import UjymError, WrongUnitError
from ujym.core.provenance import provenance_of
from ujym.i18n import _

if TYPE_CHECKING:  # pandas and pyarrow load when a frame is written, not with the command line
    import pandas as pd

FORMATS = ("table", "csv", "json", "parquet")


def provenance_record(df: pd.DataFrame) -> dict[str, Any] | None:
    """The frame's provenance as a JSON-able record (None when it carries none)."""
    try:
        return provenance_of(df).to_dict()
    except WrongUnitError:
        return None


def frame_bytes(df: pd.DataFrame, fmt: str) -> bytes:
    """The frame in ``fmt`` (csv, json, parquet) as bytes; JSON and Parquet carry provenance."""
    record = provenance_record(df)
    if fmt == "csv":
        return str(df.to_csv(index=False)).encode()
    if fmt == "json":
        rows: Any = json.loads(str(df.to_json(orient="records", date_format="iso")))
        payload = {"ujym": record or {}, "rows": rows}
        return (json.dumps(payload, ensure_ascii=False, indent=1) + "\n").encode()
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(df, preserve_index=False)
        if record is not None:
            meta = dict(table.schema.metadata or {})
            meta[b"ujym"] = json.dumps(record, ensure_ascii=False).encode()
            table = table.replace_schema_metadata(meta)
        buf = io.BytesIO()
        pq.write_table(table, buf)
        return buf.getvalue()
    raise UjymError(
        _("unknown format {fmt!r}").format(fmt=fmt),
        _("use --format {formats}").format(formats="|".join(FORMATS)),
    )


__all__ = ["FORMATS", "frame_bytes", "provenance_record"]
