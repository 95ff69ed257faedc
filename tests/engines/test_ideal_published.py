"""Reader of the published Bailey–Strezhnev–Voeten ideal points (catalog ``bsv_ideal_points``)."""

from __future__ import annotations

from pathlib import Path

import pytest

import ujym.sources.bsv as bsv
from ujym.core.errors import DataFormatError, DataNotAvailableError
from ujym.sources.catalog import get_dataset
from ujym.sources.datasets import import_file

HEADER = "Row,ccode,session,NVotes,IdealPoint,QO%,Q5%,Q10%,Q50%,Q90%,Q95%,Q100%,iso3c,Countryname\n"
ROWS = (
    "1,2,1,42,1.675486,0.9274793,1.348943,1.401238,1.675082,1.93791,2.028481,2.717793,USA,United States\n"
    "2,2,2,38,1.923798,1.219534,1.52036,1.611427,1.915013,2.25263,2.359598,2.725787,USA,United States\n"
    "9329,781,68,62,-0.4737822,-1.000384,-0.7731254,-0.6741345,-0.4556642,-0.2790786,-0.2353515,7.78E-05,MDV,Maldives\n"
)


def test_catalog_entry_points_to_the_publisher() -> None:
    entry = get_dataset("bsv_ideal_points")
    assert "evoeten/United-Nations-General-Assembly-Votes-and-Ideal-Points" in entry.landing
    assert entry.main.filename == "IdealpointestimatesAll_Apr2020.csv"
    assert entry.reader == "bsv_ideal_points" and entry.tables == ("ideal_points",)


def test_import_and_read_back(tmp_path: Path) -> None:
    src = tmp_path / "IdealpointestimatesAll_Apr2020.csv"
    src.write_text(HEADER + ROWS)
    with pytest.raises(DataNotAvailableError):
        bsv.read_published_ideal_points()
    manifest = import_file("bsv_ideal_points", src)
    assert manifest.tables == {"ideal_points": 3}
    df = bsv.read_published_ideal_points()
    assert list(df["ccode"]) == [2, 2, 781]
    assert df["ideal_point"].iloc[0] == pytest.approx(1.675486)
    assert df["q100"].iloc[2] == pytest.approx(7.78e-05)
    assert list(df["n_votes"]) == [42, 38, 62] and list(df["iso3"]) == ["USA", "USA", "MDV"]


def test_bad_number_names_row_and_column(tmp_path: Path) -> None:
    src = tmp_path / "IdealpointestimatesAll_Apr2020.csv"
    src.write_text(HEADER + ROWS.replace("1.923798", "oops"))
    with pytest.raises(DataFormatError, match="row 3, column IdealPoint"):
        import_file("bsv_ideal_points", src)


def test_wrong_layout_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "IdealpointestimatesAll_Apr2020.csv"
    src.write_text("ccode,year,score\n2,1990,1.0\n")
    with pytest.raises(DataFormatError):
        import_file("bsv_ideal_points", src)
