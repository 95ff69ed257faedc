"""UN General Assembly roll-call votes: the publishers' files → ujym's canonical tables.

Canonical tables (stored as Parquet in the cache; read back by :func:`read_votes`):

``votes``       ``rcid`` Int32, ``ccode`` Int16, ``vote`` Int8 — one row for every roll call and every
                state that appears in the dataset (dense), sorted by rcid then ccode. Codes as in
                :class:`ujym.core.votes.Vote`: 1 yes, 2 abstain, 3 no, 8 absent, 9 not a member,
                0 unknown.
``roll_calls``  ``rcid`` Int32, ``session`` Int16, ``date`` Date, ``year`` Int16, ``unres`` Utf8,
                ``importantvote`` Boolean, ``amend`` Boolean, ``para`` Boolean, ``short`` Utf8,
                ``descr`` Utf8, ``me nu di hr co ec`` Boolean — null where the publisher does not say.

Completing the votes (see docs/data.md): a state's membership window runs from the earlier of its UN
admission (crosswalk) and its first recorded vote to the later of the end of its seat and its last
recorded vote. A (roll call, state) pair with no row is coded 9 (not a member) outside the window
and, inside it, 8 (absent) for ``unvotes`` (which dropped absences) or 0 (unknown) for the
publishers' full files (which list every member).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from ujym.core.errors import DataFormatError, DataNotAvailableError, UnknownCodeError
from ujym.core.provenance import DatasetRef
from ujym.core.votes import ISSUE_CODES, Vote
from ujym.i18n import _
from ujym.sources import cache
from ujym.sources.catalog import Dataset
from ujym.sources.codes import apply_successions, countries_frame, map_codes
from ujym.sources.datasets import register_reader
from ujym.sources.tables import (
    first_bad_row,
    parse_dates,
    parse_flags,
    parse_ints,
    read_table,
    require_filled,
)

UNGA_DATASETS: tuple[str, ...] = ("voeten_votes", "unvotes", "undl_votes")
"""Datasets :func:`read_votes` looks for, in this order, when none is named."""

VOTES_SCHEMA: dict[str, pl.DataType] = {"rcid": pl.Int32(), "ccode": pl.Int16(), "vote": pl.Int8()}
ROLL_CALLS_SCHEMA: dict[str, pl.DataType] = {
    "rcid": pl.Int32(),
    "session": pl.Int16(),
    "date": pl.Date(),
    "year": pl.Int16(),
    "unres": pl.Utf8(),
    "importantvote": pl.Boolean(),
    "amend": pl.Boolean(),
    "para": pl.Boolean(),
    "short": pl.Utf8(),
    "descr": pl.Utf8(),
    **{code: pl.Boolean() for code in ISSUE_CODES},
}
VALID_VOTES = frozenset(int(v) for v in Vote)


@dataclass(frozen=True)
class UNGAVotes:
    """The canonical UNGA tables of one dataset (see the module docstring for the columns)."""

    votes: pl.DataFrame
    roll_calls: pl.DataFrame
    dataset: str
    version: str

    @property
    def ref(self) -> DatasetRef:
        """The catalog dataset and version these votes were read from (for provenance)."""
        return DatasetRef(self.dataset, self.version or None)


def read_votes(dataset: str | None = None) -> UNGAVotes:
    """Read the canonical UNGA tables from the cache.

    ``dataset=None`` takes the first cached of ``voeten_votes``, ``unvotes``, ``undl_votes``.

    Raises
    ------
    DataNotAvailableError
        When the dataset (or none of them) is in the cache, with the command that fixes it.
    """
    if dataset is None:
        for candidate in UNGA_DATASETS:
            if cache.is_cached(candidate):
                dataset = candidate
                break
        else:
            raise DataNotAvailableError(
                _("no UN General Assembly votes in the cache ({path})").format(
                    path=cache.data_dir()
                ),
                _(
                    "run `ujym data pull voeten_votes`, or `ujym data import unvotes "
                    "unvotes_votes.parquet` with a copy of the files"
                ),
            )
    if dataset not in UNGA_DATASETS:
        raise UnknownCodeError(
            _("{dataset!r} is not a UN General Assembly voting dataset").format(dataset=dataset),
            _("use one of: {names}").format(names=", ".join(UNGA_DATASETS)),
        )
    votes_path = cache.require_table(dataset, "votes")
    calls_path = cache.require_table(dataset, "roll_calls")
    manifest = cache.read_manifest(dataset)
    return UNGAVotes(
        votes=pl.read_parquet(votes_path),
        roll_calls=pl.read_parquet(calls_path),
        dataset=dataset,
        version=manifest.version if manifest else "",
    )


# ---------------------------------------------------------------------------------------------
# shared steps


def _map_states(
    codes: pl.Series, scheme: str, dates: pl.Series, name: str, column: str,
    fallback_names: pl.Series | None = None,
) -> pl.Series:  # fmt: skip
    """COW codes for a column of country codes; unknown codes raise naming file, column and row."""
    ccodes, unknown = map_codes(codes, scheme)  # type: ignore[arg-type]
    if fallback_names is not None:
        empty = codes.is_null() | (codes == "")
        by_name, _unknown_names = map_codes(fallback_names, "name")
        ccodes = (
            pl.select(pl.when(empty.alias("e")).then(by_name).otherwise(ccodes))
            .to_series()
            .alias("ccode")
        )
        still = ccodes.is_null()
        if still.any():
            row = first_bad_row(still)
            label = codes[row - 2] or fallback_names[row - 2]
            raise DataFormatError(
                _("{file}, row {row}, column {column}: unknown country {label!r}").format(
                    file=name, row=row, column=column, label=label
                ),
                _(
                    "add it to ujym/data/countries.csv (hist_codes or alt_names) or correct the file"
                ),
            )
    elif unknown:
        row = first_bad_row(ccodes.is_null() & codes.is_not_null())
        shown = ", ".join(unknown[:5]) + (
            _(" and {n} more").format(n=len(unknown) - 5) if len(unknown) > 5 else ""
        )
        raise DataFormatError(
            _(
                "{file}, column {column}: unknown country code(s) {codes} (first at row {row})"
            ).format(file=name, column=column, codes=shown, row=row),
            _("add them to ujym/data/countries.csv (hist_codes) or correct the file"),
        )
    return apply_successions(ccodes, dates)


def _check_votes(codes: pl.Series, text: pl.Series, name: str, column: str, meaning: str) -> None:
    bad = codes.is_null() | ~codes.is_in(list(VALID_VOTES))
    if bad.any():
        row = first_bad_row(bad)
        raise DataFormatError(
            _("{file}, row {row}, column {column}: unknown vote code {code!r}").format(
                file=name, row=row, column=column, code=text[row - 2]
            ),
            _("the publisher's codes are {meaning}").format(meaning=meaning),
        )


def _dedupe(votes: pl.DataFrame, name: str) -> pl.DataFrame:
    votes = votes.unique(subset=["rcid", "ccode", "vote"], maintain_order=True)
    dup = votes.select(pl.struct("rcid", "ccode").is_duplicated()).to_series()
    if dup.any():
        rcid, ccode = votes.filter(dup).row(0)[:2]
        raise DataFormatError(
            _("{file}: roll call {rcid} has two different votes for state {ccode}").format(
                file=name, rcid=rcid, ccode=ccode
            ),
            _("the file is inconsistent; download it again or report it to the publisher"),
        )
    return votes


def regular_session(day: pl.Expr) -> pl.Expr:
    """The regular session open on ``day`` (session n opens in September of 1945 + n)."""
    opened = (day.dt.month() > 9) | ((day.dt.month() == 9) & (day.dt.day() >= 10))
    session = day.dt.year().cast(pl.Int32) - 1946 + opened.cast(pl.Int32)
    return pl.max_horizontal(session, pl.lit(1)).cast(pl.Int16)


def complete_votes(votes: pl.DataFrame, roll_calls: pl.DataFrame, inside: int) -> pl.DataFrame:
    """Dense votes: every roll call × every state of the dataset (see the module docstring)."""
    dated = votes.join(roll_calls.select("rcid", "date"), on="rcid", how="inner")
    cast = dated.filter(pl.col("vote").is_in([1, 2, 3]))
    seen = cast.group_by("ccode").agg(
        pl.col("date").min().alias("first"), pl.col("date").max().alias("last")
    )
    states = votes.select("ccode").unique()
    cw = countries_frame().select("ccode", "un_admission", "un_end")
    window = (
        states.join(cw, on="ccode", how="left")
        .join(seen, on="ccode", how="left")
        .select(
            "ccode",
            pl.min_horizontal("un_admission", "first").alias("start"),
            pl.max_horizontal(pl.col("un_end").fill_null(date(9999, 12, 31)), "last").alias("end"),
        )
    )
    grid = roll_calls.select("rcid", "date").join(window, how="cross")
    full = grid.join(votes, on=["rcid", "ccode"], how="left")
    member = (pl.col("date") >= pl.col("start")) & (pl.col("date") <= pl.col("end"))
    filled = (
        pl.when(pl.col("vote").is_not_null())
        .then(pl.col("vote"))
        .when(member)
        .then(pl.lit(inside))
        .otherwise(pl.lit(int(Vote.NOT_MEMBER)))
    )
    return (
        full.select("rcid", "ccode", filled.cast(pl.Int8).alias("vote"))
        .cast(VOTES_SCHEMA)  # type: ignore[arg-type]
        .sort("rcid", "ccode")
    )


def _finish_roll_calls(frame: pl.DataFrame) -> pl.DataFrame:
    for col, dtype in ROLL_CALLS_SCHEMA.items():
        if col not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=dtype).alias(col))
    out = frame.select([pl.col(c).cast(t) for c, t in ROLL_CALLS_SCHEMA.items()]).sort("rcid")
    dup = out["rcid"].is_duplicated()
    if dup.any():
        raise DataFormatError(
            _("roll call {rcid} appears twice with different details").format(
                rcid=out.filter(dup)["rcid"][0]
            ),
            _("the file is inconsistent; download it again"),
        )
    return out


def _rcid(frame: pl.DataFrame, col: str, name: str) -> pl.Series:
    return parse_ints(frame, col, pl.Int32(), name, _("a roll-call id")).alias("rcid")


# ---------------------------------------------------------------------------------------------
# Voeten (Harvard Dataverse)

VOETEN_REQUIRED = ("rcid", "ccode", "vote", "session", "date", "unres")
VOETEN_OPTIONAL = ("importantvote", "amend", "para", "short", "descr", *ISSUE_CODES, "year")


def read_voeten(paths: Mapping[str, Path], dataset: Dataset) -> dict[str, pl.DataFrame]:
    """Voeten's full votes file (one row per state and roll call, roll-call columns repeated)."""
    path = paths["votes"]
    name = str(path)
    raw = read_table(
        path, VOETEN_REQUIRED, VOETEN_OPTIONAL, label=name,
        expected=_("Voeten's file has rcid, ccode, vote, session, date, unres, me … ec"),
    )  # fmt: skip
    require_filled(raw, ["rcid", "ccode", "vote"], name, _("download the file again (truncated?)"))
    rcid = _rcid(raw, "rcid", name)
    vote = parse_ints(raw, "vote", pl.Int8(), name, _("a vote code"))
    _check_votes(
        vote, raw["vote"], name, "vote", _("1 yes, 2 abstain, 3 no, 8 absent, 9 not a member")
    )
    cc_text = parse_ints(raw, "ccode", pl.Int32(), name, _("a COW code")).cast(pl.Utf8)
    day = parse_dates(raw, "date", name)
    if day.is_null().any():
        row = first_bad_row(day.is_null())
        raise DataFormatError(
            _("{file}, row {row}, column {column}: empty value").format(
                file=name, row=row, column="date"
            ),
            _("fill in the date"),
        )
    ccode = _map_states(cc_text, "cow", day, name, "ccode")
    votes = _dedupe(pl.DataFrame([rcid, ccode, vote]), name)
    calls = raw.with_columns(rcid, day).select(
        "rcid",
        parse_ints(raw, "session", pl.Int16(), name, _("a session number")),
        "date",
        pl.col("unres"),
        *[parse_flags(raw, c, name) for c in ("importantvote", "amend", "para", *ISSUE_CODES)
          if c in raw.columns],
        *[pl.col(c) for c in ("short", "descr") if c in raw.columns],
    )  # fmt: skip
    calls = calls.unique(subset=["rcid"], keep="first", maintain_order=True)
    calls = calls.with_columns(pl.col("date").dt.year().cast(pl.Int16).alias("year"))
    # the full file states no issue flag for roll calls outside an issue: a missing column is null
    roll_calls = _finish_roll_calls(calls)
    return {"votes": complete_votes(votes, roll_calls, int(Vote.UNKNOWN)), "roll_calls": roll_calls}


# ---------------------------------------------------------------------------------------------
# UN Dag Hammarskjöld Library

UNDL_REQUIRED = ("undl_id", "ms_code", "ms_vote", "date", "session", "resolution")
UNDL_OPTIONAL = ("ms_name", "title", "agenda_title")
UNDL_VOTES = {"Y": 1, "A": 2, "N": 3, "X": 8, "": 8, "NV": 8, "NON-VOTING": 8}


def read_undl(paths: Mapping[str, Path], dataset: Dataset) -> dict[str, pl.DataFrame]:
    """The library's CSV: one row per member state and resolution, Y/N/A/X (X: non-voting)."""
    path = paths["votes"]
    name = str(path)
    raw = read_table(
        path, UNDL_REQUIRED, UNDL_OPTIONAL, label=name,
        expected=_(
            "the library's file has undl_id, ms_code, ms_name, ms_vote, date, session, "
            "resolution, title, agenda_title, …"
        ),
    )  # fmt: skip
    require_filled(
        raw, ["undl_id", "ms_code", "date"], name, _("download the file again (truncated?)")
    )
    rcid = _rcid(raw, "undl_id", name)
    text = raw["ms_vote"].fill_null("").str.to_uppercase()
    vote = text.replace_strict(
        list(UNDL_VOTES), list(UNDL_VOTES.values()), default=None, return_dtype=pl.Int8
    ).alias("vote")
    _check_votes(
        vote, raw["ms_vote"].fill_null(""), name, "ms_vote", _("Y, N, A and X (non-voting)")
    )
    day = parse_dates(raw, "date", name)
    ccode = _map_states(raw["ms_code"], "iso3", day, name, "ms_code")
    votes = _dedupe(pl.DataFrame([rcid, ccode, vote]), name)
    session_text = raw["session"].fill_null("")
    numeric = session_text.cast(pl.Int16, strict=False)
    calls = pl.DataFrame(
        {
            "rcid": rcid,
            "date": day,
            "session_num": numeric,
            "unres": raw["resolution"],
            "short": raw["agenda_title"] if "agenda_title" in raw.columns else None,
            "descr": raw["title"] if "title" in raw.columns else None,
        }
    ).unique(subset=["rcid"], keep="first", maintain_order=True)
    calls = calls.with_columns(
        pl.coalesce("session_num", regular_session(pl.col("date"))).alias("session"),
        pl.col("date").dt.year().cast(pl.Int16).alias("year"),
        # the library records adopted resolutions only: no amendments, no paragraph votes
        pl.lit(False).alias("amend"),
        pl.lit(False).alias("para"),
    )
    roll_calls = _finish_roll_calls(calls)
    return {"votes": complete_votes(votes, roll_calls, int(Vote.UNKNOWN)), "roll_calls": roll_calls}


# ---------------------------------------------------------------------------------------------
# unvotes (R package; Voeten's data without absences)

UNVOTES_VOTES = {"yes": 1, "abstain": 2, "no": 3}


def read_unvotes(paths: Mapping[str, Path], dataset: Dataset) -> dict[str, pl.DataFrame]:
    """The three unvotes tables; absences are completed as 8 and non-membership as 9."""
    vpath, cpath, ipath = paths["votes"], paths["roll_calls"], paths["issues"]
    expected = _("unvotes has rcid, country, country_code, vote (yes/abstain/no)")
    raw = read_table(vpath, ("rcid", "country", "country_code", "vote"), expected=expected)
    require_filled(raw, ["rcid", "vote"], str(vpath), _("download the file again (truncated?)"))
    calls_raw = read_table(
        cpath, ("rcid", "session", "date"),
        ("importantvote", "unres", "amend", "para", "short", "descr"),
        expected=_(
            "unvotes' roll calls have rcid, session, importantvote, date, unres, amend, para, "
            "short, descr"
        ),
    )  # fmt: skip
    require_filled(calls_raw, ["rcid", "session", "date"], str(cpath), _("download it again"))
    issues_raw = read_table(
        ipath, ("rcid", "short_name"), ("issue",),
        expected=_("unvotes' issues have rcid, short_name"),
    )  # fmt: skip
    calls = calls_raw.select(
        _rcid(calls_raw, "rcid", str(cpath)),
        parse_ints(calls_raw, "session", pl.Int16(), str(cpath), _("a session number")),
        parse_dates(calls_raw, "date", str(cpath)),
        *[parse_flags(calls_raw, c, str(cpath)) for c in ("importantvote", "amend", "para")
          if c in calls_raw.columns],
        *[pl.col(c) for c in ("unres", "short", "descr") if c in calls_raw.columns],
    )  # fmt: skip
    issues = issues_raw.select(
        _rcid(issues_raw, "rcid", str(ipath)), pl.col("short_name").str.to_lowercase()
    )
    unknown_issue = ~issues["short_name"].is_in(list(ISSUE_CODES))
    if unknown_issue.any():
        row = first_bad_row(unknown_issue)
        raise DataFormatError(
            _("{file}, row {row}, column {column}: unknown issue code {code!r}").format(
                file=ipath, row=row, column="short_name", code=issues_raw["short_name"][row - 2]
            ),
            _("unvotes' issue codes are {codes}").format(codes=", ".join(ISSUE_CODES)),
        )
    flags = [
        pl.col("rcid").is_in(issues.filter(pl.col("short_name") == code)["rcid"].implode()).alias(code)
        for code in ISSUE_CODES
    ]  # fmt: skip
    calls = calls.with_columns(*flags, pl.col("date").dt.year().cast(pl.Int16).alias("year"))
    roll_calls = _finish_roll_calls(calls)

    name = str(vpath)
    rcid = _rcid(raw, "rcid", name)
    text = raw["vote"].str.to_lowercase()
    vote = text.replace_strict(
        list(UNVOTES_VOTES), list(UNVOTES_VOTES.values()), default=None, return_dtype=pl.Int8
    ).alias("vote")
    _check_votes(vote, raw["vote"], name, "vote", _("yes, abstain and no"))
    when = pl.DataFrame([rcid]).join(roll_calls.select("rcid", "date"), on="rcid", how="left")
    orphan = when["date"].is_null()
    if orphan.any():
        row = first_bad_row(orphan)
        raise DataFormatError(
            _("{file}, row {row}, column {column}: roll call {rcid} is not in {table}").format(
                file=name, row=row, column="rcid", rcid=rcid[row - 2], table=cpath.name
            ),
            _("import the votes with the roll-call table of the same release"),
        )
    ccode = _map_states(
        raw["country_code"], "iso2", when["date"], name, "country_code",
        fallback_names=raw["country"],
    )  # fmt: skip
    votes = _dedupe(pl.DataFrame([rcid, ccode, vote]), name)
    return {"votes": complete_votes(votes, roll_calls, int(Vote.ABSENT)), "roll_calls": roll_calls}


register_reader(
    "voeten_votes", read_voeten, {"votes": {"rcid", "ccode", "vote", "session", "unres"}}
)
register_reader("undl_votes", read_undl, {"votes": {"undl_id", "ms_code", "ms_vote"}})
register_reader(
    "unvotes",
    read_unvotes,
    {
        "votes": {"rcid", "country_code", "vote"},
        "roll_calls": {"rcid", "session", "date", "descr"},
        "issues": {"rcid", "short_name"},
    },
)


__all__ = [
    "ROLL_CALLS_SCHEMA",
    "UNGA_DATASETS",
    "VOTES_SCHEMA",
    "UNGAVotes",
    "complete_votes",
    "read_undl",
    "read_unvotes",
    "read_voeten",
    "read_votes",
    "regular_session",
]
