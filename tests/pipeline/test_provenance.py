"""Typed provenance: the value itself, every ``add_*`` verb refusing a frame of the wrong unit,
and a real chain of verbs carrying the dataset ids and versions from the cache."""

from __future__ import annotations

import copy
import dataclasses
import io
import json
import pickle
import warnings
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import ujym
from _vote_scenarios import scenario
from ujym.cli.export import frame_bytes, sidecar_path, write_frame
from ujym.core.errors import WrongUnitError
from ujym.core.provenance import DatasetRef, Provenance, Unit, attach, provenance_of
from ujym.pipeline.capabilities import add_capabilities
from ujym.pipeline.cohesion import group_cohesion
from ujym.pipeline.dyads import add_alignment, create_dyad_years
from ujym.pipeline.ideal import add_ideal_points
from ujym.pipeline.igos import add_igos
from ujym.pipeline.memberships import actor_memberships, add_memberships
from ujym.pipeline.state_alignment import add_alignment as add_state_alignment
from ujym.pipeline.state_years import create_state_years
from ujym.sources import cache
from ujym.sources.datasets import import_file

PROV = Provenance(
    Unit.STATE_YEAR,
    datasets=(DatasetRef("cow_nmc", "6.0"), DatasetRef("cow_states", "2016")),
    casebook=True,
    columns={"cinc": "Composite Index of National Capability, 0..1"},
    details={"slice": {"years": (2012, 2013)}, "model": {"converged": True}},
)


# ---- the value -----------------------------------------------------------------------------
def test_record_round_trip_and_json() -> None:
    record = PROV.to_dict()
    assert record["datasets"] == [
        {"id": "cow_nmc", "version": "6.0"},
        {"id": "cow_states", "version": "2016"},
    ]
    assert record["details"]["slice"]["years"] == [2012, 2013]  # JSON-able
    assert json.loads(json.dumps(record)) == record  # JSON, as pandas writes attrs to Parquet
    assert Provenance.from_dict(record) == PROV
    with pytest.raises(WrongUnitError, match="not a ujym provenance record"):
        Provenance.from_dict({"unit": "galaxy", "datasets": []})


def test_it_is_immutable_and_survives_copies() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        PROV.unit = Unit.DYAD_YEAR  # type: ignore[misc]
    assert copy.deepcopy(PROV) == PROV
    assert pickle.loads(pickle.dumps(PROV)) == PROV
    grown = PROV.adding(datasets=[DatasetRef("unvotes", "0.3.0")], columns={"x": "y"})
    assert grown.dataset_ids == ("cow_nmc", "cow_states", "unvotes")
    assert PROV.dataset_ids == ("cow_nmc", "cow_states")  # unchanged
    assert grown.version_of("unvotes") == "0.3.0" and grown.version_of("nothing") is None


def test_attrs_hold_the_plain_record() -> None:
    """df.attrs keeps the JSON record, so pandas copies and writes it like any attrs value."""
    df = attach(pd.DataFrame({"ccode": [705]}), PROV)
    assert df.attrs["ujym"] == PROV.to_dict()
    assert provenance_of(df.copy()) == PROV


def test_a_frame_keeps_it_through_pandas_and_parquet(tmp_path: Path) -> None:
    df = attach(pd.DataFrame({"ccode": [705, 365], "year": [2013, 2013]}), PROV)
    assert provenance_of(df[df["ccode"] > 400].copy()) == PROV
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "could not serialize attrs" warning
        df.to_parquet(tmp_path / "f.parquet")
    back = pd.read_parquet(tmp_path / "f.parquet")
    assert provenance_of(back) == PROV


def test_a_frame_without_provenance_is_one_line() -> None:
    with pytest.raises(WrongUnitError) as info:
        provenance_of(pd.DataFrame({"ccode": [705]}))
    assert "not made by ujym" in str(info.value) and "\n" not in str(info.value)


# ---- every add_* verb refuses a frame of the wrong unit ------------------------------------
MATRIX = scenario(range(2012, 2014), {"ARM": 4})


def _dyads() -> pd.DataFrame:
    return create_dyad_years(["KAZ", "RUS"], matrix=MATRIX)


def _states() -> pd.DataFrame:
    return create_state_years(["KAZ", "RUS"], years=2013)


@pytest.mark.parametrize(
    ("verb", "name", "frame", "got"),
    [
        (lambda df: add_alignment(df, matrix=MATRIX), "add_alignment", _states, "state-year"),
        (
            lambda df: add_state_alignment(df, with_=("RUS",), matrix=MATRIX),
            "add_state_alignment",
            _dyads,
            "dyad-year",
        ),
        (add_capabilities, "add_capabilities", lambda: group_cohesion("KAZ,RUS", matrix=MATRIX),
         "group-year"),
        (add_memberships, "add_memberships", _dyads, "dyad-year"),
        (add_igos, "add_igos", _dyads, "dyad-year"),
        (add_ideal_points, "add_ideal_points", lambda: actor_memberships("KAZ"),
         "membership-period"),
    ],
)  # fmt: skip
def test_each_verb_refuses_the_wrong_unit(verb, name, frame, got) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(WrongUnitError) as info:
        verb(frame())
    text = str(info.value)
    assert text.startswith(f"{name} needs a frame of unit ") and f"got {got}" in text
    assert "\n" not in text


def test_each_verb_refuses_a_frame_not_made_by_ujym() -> None:
    plain = pd.DataFrame({"ccode": [705], "year": [2013]})
    for verb in (add_capabilities, add_memberships, add_igos, add_ideal_points):
        with pytest.raises(WrongUnitError, match="not made by ujym"):
            verb(plain)
    with pytest.raises(WrongUnitError, match="not made by ujym"):
        add_state_alignment(plain, matrix=MATRIX)
    with pytest.raises(WrongUnitError, match="not made by ujym"):
        add_alignment(pd.DataFrame({"ccode1": [2], "ccode2": [365], "year": [2013]}))


def test_verbs_keep_rows_and_add_their_columns() -> None:
    dyads = _dyads()
    out = add_alignment(dyads, ["agreement"], matrix=MATRIX)
    prov = provenance_of(out)
    assert len(out) == len(dyads) and prov.unit is Unit.DYAD_YEAR
    assert prov.columns["agreement"].endswith("0..1")
    assert set(provenance_of(dyads).columns) < set(prov.columns)


# ---- a real chain: the datasets and versions from the cache --------------------------------
@pytest.mark.slow
def test_chain_carries_dataset_ids_and_versions(shared_data: Path, tmp_path: Path) -> None:
    for dataset, file in (
        ("cow_nmc", "ps_cow_nmc.parquet"),
        ("cow_igo_sy", "ps_cow_igo_sy.parquet"),
        ("unvotes", "unvotes_votes.parquet"),
    ):
        import_file(dataset, shared_data / file)
    base = create_state_years("CSTO", years=(2012, 2013))
    out = add_capabilities(base, within="CSTO")
    out = add_memberships(out)
    out = add_igos(out)
    out = ujym.add_state_alignment(out, with_=("RUS", "EU"))
    assert len(out) == len(base) == 13  # Uzbekistan in 2012, not in 2013
    prov = provenance_of(out)
    assert prov.unit is Unit.STATE_YEAR and prov.casebook
    versions = {d: cache.read_manifest(d).version for d in ("cow_nmc", "cow_igo_sy", "unvotes")}  # type: ignore[union-attr]
    assert versions["cow_nmc"] == "6.0"
    assert prov.datasets == (
        DatasetRef("cow_states", "2016"),
        DatasetRef("cow_nmc", versions["cow_nmc"]),
        DatasetRef("cow_igo_sy", versions["cow_igo_sy"]),
        DatasetRef("unvotes", versions["unvotes"]),
    )
    for column in ("cinc", "share_cinc", "organisations", "sum_igo_full", "align_rus", "align_eu"):
        assert column in prov.columns, column
    assert (
        "0..1" in prov.columns["align_eu"]
        and "with EU (mean over its members" in prov.columns["align_eu"]
    )
    assert "thousands of current US dollars" in prov.columns["milex"]
    # exports carry it: Parquet metadata, and a CSV's sidecar file
    meta = pq.read_schema(io.BytesIO(frame_bytes(out, "parquet"))).metadata
    assert json.loads(meta[b"ujym"]) == prov.to_dict()
    csv = write_frame(tmp_path / "csto.csv", out)
    assert json.loads(sidecar_path(csv).read_text()) == prov.to_dict()
