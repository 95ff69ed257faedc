"""Fuzzing the doors: generated and mutated CSV, Parquet, zip and YAML files fed to every importer,
the casebook loader and the scenario loader. Nothing may escape but a :class:`UjymError`, and a
refused import leaves the cache byte-identical.

``make test`` runs a few examples of each (``UJYM_FUZZ_EXAMPLES``, default 15: tens of seconds);
``make fuzz`` runs many more.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

import polars as pl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _cache_digest import cache_digest, leftovers
from ujym.core.errors import UjymError
from ujym.sources import cache
from ujym.sources.catalog import load_catalog
from ujym.sources.datasets import import_file
from ujym.sources.schemas import load_schemas

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
PS = FIXTURES / "peacescience"
CASEBOOK = ROOT / "src" / "ujym" / "data" / "casebook"
SCENARIOS = ROOT / "src" / "ujym" / "data" / "scenarios"
EXAMPLES = int(os.environ.get("UJYM_FUZZ_EXAMPLES", "15"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=EXAMPLES <= 15,  # the quick run in `make test` is reproducible
)

DATASETS = sorted(load_catalog())
COLUMNS = sorted(
    {c for s in load_schemas().values() for lay in s.layouts.values() for c in lay.columns}
    | {c for s in load_schemas().values() for t in s.tables.values() for c in t.columns}
)
"""Every column name any layout or table declares: generated files look almost right."""
CELLS = st.one_of(
    st.integers(-10, 3000).map(str),
    st.sampled_from(
        [
            "",
            "NA",
            ".",
            "-9",
            "NaN",
            "nan",
            "inf",
            "-inf",
            "1e308",
            "-1e308",
            "0.5",
            "1",
            "0",
            "7",
            "yes",
            "2013-02-30",
            "2013-01-01",
            '"',
            "a,b",
            "\x1b[2J",
            "\x00",
            "é",
            "9" * 40,
        ]
    ),
    st.text(max_size=12),
)
CSV_NAMES = ["NMC-60-abridged.csv", "state_year_formatv3.csv", "atop5_1ddyr.csv",
             "unvotes.csv", "voeten_votes.csv", "Matches.csv", "undl_votes.csv", "x.csv"]  # fmt: skip


@pytest.fixture
def guarded() -> Path:
    """A cache with a good copy in it; returns its folder."""
    import_file("cow_nmc", PS / "NMC-60-abridged.csv")
    return cache.data_dir()


def _import_is_safe(root: Path, dataset_id: str, path: Path) -> None:
    before = cache_digest(root)
    try:
        import_file(dataset_id, path)
    except UjymError as exc:
        assert "\n" not in str(exc), str(exc)
        assert cache_digest(root) == before, f"{dataset_id} {path.name}: the cache changed"
    assert leftovers(root) == []


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    header = draw(st.lists(st.sampled_from([*COLUMNS, "junk", ""]), min_size=1, max_size=10))
    rows = draw(st.lists(st.lists(CELLS, min_size=len(header), max_size=len(header)), max_size=8))
    sep = draw(st.sampled_from([",", "\t", ";"]))
    text = sep.join(header) + "\n" + "".join(sep.join(r) + "\n" for r in rows)
    data = text.encode("utf-8", errors="surrogatepass")
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]  # cut short
    return data


@FUZZ
@given(dataset_id=st.sampled_from(DATASETS), data=csv_files(), name=st.sampled_from(CSV_NAMES))
def test_generated_csv(guarded: Path, dataset_id: str, data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        _import_is_safe(guarded, dataset_id, path)


FRAME_VALUES = st.one_of(
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=6),
    st.none(),
    st.booleans(),
)


@st.composite
def parquet_files(draw: st.DrawFn) -> bytes:
    names = draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=9, unique=True))
    height = draw(st.integers(0, 6))
    columns = {}
    for name in names:
        kind = draw(st.sampled_from(["int", "float", "str", "bool", "mixed"]))
        if kind == "int":
            values: list[object] = draw(
                st.lists(st.integers(-50, 3000) | st.none(), min_size=height, max_size=height)
            )
        elif kind == "float":
            values = draw(st.lists(st.floats() | st.none(), min_size=height, max_size=height))
        elif kind == "bool":
            values = draw(st.lists(st.booleans(), min_size=height, max_size=height))
        elif kind == "str":
            values = draw(st.lists(st.text(max_size=5), min_size=height, max_size=height))
        else:
            values = [
                str(v) for v in draw(st.lists(FRAME_VALUES, min_size=height, max_size=height))
            ]
        columns[name] = pl.Series(name, values, strict=False)
    buf = io.BytesIO()
    pl.DataFrame(columns).write_parquet(buf)
    return buf.getvalue()


@FUZZ
@given(dataset_id=st.sampled_from(DATASETS), data=parquet_files())
def test_generated_parquet(guarded: Path, dataset_id: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "copy.parquet"
        path.write_bytes(data)
        _import_is_safe(guarded, dataset_id, path)


SEEDS = {
    "cow_nmc": PS / "NMC-60-abridged.csv",
    "cow_igo_sy": PS / "state_year_formatv3.csv",
    "atop_alliance": PS / "atop5_1ddyr.csv",
    "cow_formal_alliances": PS / "alliance_v4.1_by_directed_yearly.csv",
    "voeten_votes": FIXTURES / "unga" / "voeten_votes.csv",
    "undl_votes": FIXTURES / "unga" / "undl_votes.csv",
}


@st.composite
def mutations(draw: st.DrawFn, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        if not out:
            break
        at = draw(st.integers(0, len(out) - 1))
        op = draw(st.sampled_from(["flip", "insert", "delete", "cut", "dup"]))
        if op == "flip":
            out[at] ^= draw(st.integers(1, 255))
        elif op == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del out[at : at + draw(st.integers(1, 16))]
        elif op == "cut":
            del out[at:]
        else:
            out[at:at] = out[at : at + draw(st.integers(1, 64))]
    return bytes(out)


def _as_zip(name: str, data: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(name, data)
    return buf.getvalue()


@FUZZ
@given(data=st.data(), dataset_id=st.sampled_from(sorted(SEEDS)), form=st.sampled_from(["csv", "zip", "parquet"]))  # fmt: skip
def test_mutated_publisher_files(
    guarded: Path, data: st.DataObject, dataset_id: str, form: str
) -> None:
    seed = SEEDS[dataset_id]
    raw = seed.read_bytes()
    name = seed.name
    if form == "zip":
        raw, name = _as_zip(seed.name, raw), seed.stem + ".zip"
    elif form == "parquet":
        buf = io.BytesIO()
        pl.read_csv(seed, infer_schema=False).write_parquet(buf)
        raw, name = buf.getvalue(), seed.stem + ".parquet"
    mutated = data.draw(mutations(raw))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(mutated)
        _import_is_safe(guarded, dataset_id, path)


# ---- YAML ---------------------------------------------------------------------------------------

YAML_LEAVES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10),
    st.sampled_from(["2021-02-30", "2013-01-01", "&a x", "*a", "!!python/object:os.system",
                     "{", "[", ": :", "? x"]),
)  # fmt: skip
YAML_TREES = st.recursive(
    YAML_LEAVES,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@st.composite
def yaml_texts(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["dump", "mutated-scenario", "mutated-claim", "aliases"]))
    if kind == "dump":
        return yaml.safe_dump(draw(YAML_TREES), allow_unicode=True)
    if kind == "aliases":
        levels = draw(st.integers(1, 12))
        width = draw(st.integers(1, 12))
        lines = ["a0: &a0 [x]"] + [
            f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels)
        ]
        return "\n".join(lines) + "\n"
    source = (
        SCENARIOS / "csto-new-type.yaml"
        if kind == "mutated-scenario"
        else CASEBOOK / "claims" / "C09.yaml"
    )
    mutated = draw(mutations(source.read_bytes()))
    return mutated.decode("utf-8", errors="replace")


@FUZZ
@given(text=yaml_texts())
def test_the_scenario_loader(text: str) -> None:
    from ujym.sources.scenarios import load_scenario

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scenario.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            load_scenario(path, casebook=False)
        except UjymError as exc:
            assert "\n" not in str(exc)


@pytest.fixture(scope="module")
def small_casebook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A casebook of a few files (the validator is run on it for every example)."""
    folder = tmp_path_factory.mktemp("casebook")
    shutil.copy(CASEBOOK / "article.yaml", folder / "article.yaml")
    for sub, names in (("claims", ["C09.yaml"]), ("actors", ["KAZ.yaml", "RUS.yaml"]),
                       ("organisations", ["CSTO.yaml"]), ("sources", ["un-charter.yaml"])):  # fmt: skip
        (folder / sub).mkdir()
        for name in names:
            shutil.copy(CASEBOOK / sub / name, folder / sub / name)
    return folder


@FUZZ
@given(text=yaml_texts(), where=st.sampled_from(["claims/C09.yaml", "sources/un-charter.yaml", "actors/KAZ.yaml"]))  # fmt: skip
def test_the_casebook_loader(small_casebook: Path, text: str, where: str) -> None:
    from ujym.sources.casebook import validate_casebook

    original = (small_casebook / where).read_bytes()
    try:
        (small_casebook / where).write_text(text, encoding="utf-8")
        try:
            report = validate_casebook(small_casebook)
        except UjymError as exc:
            assert "\n" not in str(exc)
        else:
            assert all(p.file for p in report.problems)
    finally:
        (small_casebook / where).write_bytes(original)
