"""The casebook validator: every problem with file, line and fix; nothing changed."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from casebook_helpers import ARTICLE, FILES, write_casebook
from ujym.sources.casebook import CasebookError, load_casebook, validate_casebook


def problems_of(root: Path, seed: Path | None = None) -> list[str]:
    return [str(p) for p in validate_casebook(root, seed=seed).problems]


def test_small_casebook_is_valid(tmp_path: Path) -> None:
    root = write_casebook(tmp_path)
    report = validate_casebook(root)
    assert report.ok, report.problems
    cb = report.casebook
    assert cb is not None and [a.id for a in cb.members] == ["KAZ", "RUS"]
    assert cb.members_of("CSTO", 2000) == ("KAZ",)
    assert report.files_checked == 7


def test_malformed_yaml_names_file_and_line(tmp_path: Path) -> None:
    root = write_casebook(tmp_path, **{"actors/RUS.yaml": "id: RUS\nkind: [state\nnames: x\n"})
    (problem,) = problems_of(root)
    assert problem.startswith("actors/RUS.yaml:3: malformed YAML")


def test_unknown_actor_code(tmp_path: Path) -> None:
    bad = FILES["organisations/CSTO.yaml"].replace("actor: KAZ", "actor: KZX")
    root = write_casebook(tmp_path, **{"organisations/CSTO.yaml": bad})
    assert problems_of(root) == [
        "organisations/CSTO.yaml:6: unknown actor 'KZX' — use an id defined in the casebook "
        "(actors) or a state's ISO3 code from the crosswalk (`ujym data codes`)"
    ]


def _org(rows: str) -> dict[str, str]:
    """The small casebook with the CSTO file's membership rows replaced by ``rows``."""
    head = FILES["organisations/CSTO.yaml"].split("memberships:")[0]
    return {"organisations/CSTO.yaml": head + "memberships:\n" + dedent(rows)}


def test_a_state_without_an_actor_file_is_named_by_iso3(tmp_path: Path) -> None:
    rows = """\
      - actor: KAZ
        status: member
        period: {start: 1992-05-15}
        cite: {source: cst}
      - actor: GFR
        status: member
        period: {start: 1992-05-15, end: 1992-06-01}
        cite: {source: cst}
      - actor: FRA
        status: observer
        period: {start: 1993-01-01}
        cite: {source: cst}
    """
    root = write_casebook(tmp_path, **_org(rows))
    report = validate_casebook(root)
    assert report.ok, report.problems
    assert report.casebook is not None
    codes = {m.actor: m.ccode for m in report.casebook.memberships}
    assert codes == {"KAZ": 705, "GFR": 260, "FRA": 220}  # West Germany keeps its own COW code
    assert {a.id for a in report.casebook.actors} == {"KAZ", "RUS", "CSTO"}  # no new actors


def test_an_unknown_iso3_code_is_a_problem_with_its_line(tmp_path: Path) -> None:
    rows = """\
      - actor: KAZ
        status: member
        period: {start: 1992-05-15}
        cite: {source: cst}
      - actor: FRX
        status: member
        period: {start: 1993-01-01}
        cite: {source: cst}
    """
    root = write_casebook(tmp_path, **_org(rows))
    assert problems_of(root) == [
        "organisations/CSTO.yaml:10: unknown actor 'FRX' — use an id defined in the casebook "
        "(actors) or a state's ISO3 code from the crosswalk (`ujym data codes`)"
    ]


def test_overlapping_periods_of_one_state_are_a_problem(tmp_path: Path) -> None:
    rows = """\
      - actor: KAZ
        status: member
        period: {start: 1992-05-15, end: 2000-06-30}
        cite: {source: cst}
      - actor: KAZ
        status: suspended
        period: {start: 1999-01-01}
        cite: {source: cst}
    """
    root = write_casebook(tmp_path, **_org(rows))
    assert problems_of(root) == [
        "organisations/CSTO.yaml:12: KAZ's suspended period in CSTO (1999-01-01–) overlaps its "
        "member period (1992-05-15–2000-06-30, line 8) — end the earlier period the day before "
        "the next one starts"
    ]


@pytest.mark.parametrize(
    ("end", "start", "ok"),
    [
        ("2000-06-30", "2000-07-01", True),  # the next day: fine
        ("2000-06-30", "2000-06-30", False),  # the same day in two statuses
        ('"2000"', '"2000"', True),  # year precision: may well not overlap, not flagged
        ('"2000-06"', "2000-06-15", True),  # month precision, a day inside it: may not overlap
        ("2000-06-30", '"2000-06"', False),  # certainly starts by 30 June: overlaps
    ],
)
def test_periods_meet_without_sharing_a_day(tmp_path: Path, end: str, start: str, ok: bool) -> None:
    rows = f"""\
      - actor: KAZ
        status: member
        period: {{start: 1992-05-15, end: {end}}}
        cite: {{source: cst}}
      - actor: KAZ
        status: withdrawn
        period: {{start: {start}}}
        cite: {{source: cst}}
    """
    root = write_casebook(tmp_path, **_org(rows))
    assert (problems_of(root) == []) is ok, problems_of(root)


def test_an_exit_before_an_accession_is_a_problem(tmp_path: Path) -> None:
    rows = """\
      - actor: KAZ
        status: withdrawn
        period: {start: 1991-01-01, end: 1991-12-31}
        cite: {source: cst}
      - actor: KAZ
        status: member
        period: {start: 1992-05-15}
        cite: {source: cst}
      - actor: RUS
        status: member
        period: {start: 1999-01-01, end: 1998-01-01}
        cite: {source: cst}
    """
    root = write_casebook(tmp_path, **_org(rows))
    assert problems_of(root) == [
        "organisations/CSTO.yaml:8: KAZ is withdrawn from 1991-01-01 in CSTO before it joined — "
        "add the member period it follows, or fix the dates",
        "organisations/CSTO.yaml:16: memberships.2.period: the period ends (1998-01-01) before "
        "it starts (1999-01-01) — correct the value",
    ]


def test_a_cow_code_is_not_written_in_a_file(tmp_path: Path) -> None:
    rows = """\
      - actor: KAZ
        ccode: 999
        status: member
        period: {start: 1992-05-15}
        cite: {source: cst}
    """
    root = write_casebook(tmp_path, **_org(rows))
    assert problems_of(root) == [
        "organisations/CSTO.yaml:7: unknown key 'memberships.0.ccode' — name the state by its "
        "actor id or ISO3 code; ujym looks up its COW code"
    ]


def test_subject_must_be_a_casebook_organisation(tmp_path: Path) -> None:
    root = write_casebook(
        tmp_path, **{"article.yaml": ARTICLE.replace("subject: CSTO", "subject: NATO")}
    )
    assert problems_of(root) == [
        "article.yaml: subject 'NATO' is not an organisation of the casebook — "
        "set subject: to the id of a file under organisations/ (e.g. CSTO)"
    ]


def test_membership_ending_before_it_starts(tmp_path: Path) -> None:
    bad = FILES["organisations/CSTO.yaml"].replace(
        "{start: 1992-05-15}", "{start: 1992-05-15, end: 1990}"
    )
    root = write_casebook(tmp_path, **{"organisations/CSTO.yaml": bad})
    (problem,) = problems_of(root)
    assert problem.startswith("organisations/CSTO.yaml:8: memberships.0.period: ")
    assert "ends (1990) before it starts (1992-05-15)" in problem


def test_claim_citing_lines_beyond_the_article(tmp_path: Path) -> None:
    bad = FILES["claims/C21.yaml"].replace("270-274", "450-470")
    root = write_casebook(tmp_path, **{"claims/C21.yaml": bad})
    (problem,) = problems_of(root)
    assert problem.startswith("claims/C21.yaml:3: seed line range L450–470 does not exist")


def test_missing_and_empty_translations(tmp_path: Path) -> None:
    bad = (
        FILES["actors/RUS.yaml"]
        .replace("ru: Россия, ", "")
        .replace("en: Russian Federation", 'en: " "')
    )
    root = write_casebook(tmp_path, **{"actors/RUS.yaml": bad})
    assert problems_of(root) == [
        "actors/RUS.yaml:3: empty English translation at names.en — write the English text",
        "actors/RUS.yaml:4: missing Russian translation at short.ru — add `ru:` with the Russian text",
    ]


def test_a_reader_facing_note_needs_three_languages(tmp_path: Path) -> None:
    """A note readers see (a membership's) in one language is a problem naming the fix; an
    editorial note (for maintainers, never shown) may be English only."""
    member = FILES["organisations/CSTO.yaml"]
    assert "    cite:" in member
    english = member.replace("    cite:", "    note: Founding member.\n    cite:", 1)
    root = write_casebook(tmp_path, **{"organisations/CSTO.yaml": english})
    (got,) = problems_of(root)
    assert "a text readers see needs Kazakh, Russian and English" in got and "editorial:" in got
    editorial = member.replace(
        "    cite:", "    editorial: Founding member (DIGEST §1.1).\n    cite:", 1
    )
    root = write_casebook(tmp_path / "ok", **{"organisations/CSTO.yaml": editorial})
    assert problems_of(root) == []


def test_unknown_key_latin_schwa_duplicate_id_and_unknown_marker(tmp_path: Path) -> None:
    root = write_casebook(
        tmp_path,
        **{
            "actors/RUS.yaml": FILES["actors/RUS.yaml"] + "colour: red\n",
            "actors/KAZ2.yaml": FILES["actors/KAZ.yaml"].replace("Көпжақты", "Көпжəқты"),
            "claims/C21.yaml": FILES["claims/C21.yaml"].replace("refs: [15]", "refs: [16]"),
        },
    )
    got = problems_of(root)
    assert (
        "actors/RUS.yaml:6: unknown key 'colour' — remove it or fix its spelling (see docs/casebook.md)"
        in got
    )
    assert any(
        p.startswith("actors/KAZ2.yaml:1: duplicate id 'KAZ' (also in actors/KAZ.yaml)")
        for p in got
    )
    assert any(p.startswith("actors/KAZ2.yaml:8: Latin ə in Kazakh text") for p in got)
    assert any(p.startswith("claims/C21.yaml:3: unknown reference marker [16]") for p in got)
    assert len(got) == 4


def test_keywords_are_checked_against_the_seed(tmp_path: Path, seed_path: Path) -> None:
    root = write_casebook(tmp_path)
    assert problems_of(root, seed=seed_path) == []
    bad = FILES["claims/C21.yaml"].replace("270-274", "10-12")
    write_casebook(tmp_path, **{"claims/C21.yaml": bad})
    (problem,) = problems_of(root, seed=seed_path)
    assert problem.startswith(
        "claims/C21.yaml:7: key word '77 мың' is not in the cited lines L10–12"
    )


def test_a_different_seed_file_is_refused(tmp_path: Path) -> None:
    root = write_casebook(tmp_path / "cb")
    other = tmp_path / "other.txt"
    other.write_text("not the article\n", encoding="utf-8")
    (problem,) = problems_of(root, seed=other)
    assert "is not the article the casebook cites" in problem


def test_load_raises_with_every_problem(tmp_path: Path) -> None:
    bad = FILES["organisations/CSTO.yaml"].replace("actor: KAZ", "actor: XXX")
    root = write_casebook(tmp_path, **{"organisations/CSTO.yaml": bad})
    with pytest.raises(CasebookError) as info:
        load_casebook(root)
    assert len(info.value.problems) == 1
    assert "ujym casebook validate" in str(info.value)
