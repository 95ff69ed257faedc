"""The embedded casebook holds the article faithfully: counts, markers, organisations, lines."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from ujym.core.citations import Citation
from ujym.sources.casebook import load_casebook, validate_casebook
from ujym.sources.seed import read_seed

MEMBERS = ["RUS", "ARM", "BLR", "KAZ", "KGZ", "TJK"]
ORGANISATIONS_NAMED = {
    # DIGEST §3.2: every organisation, programme, force and institution the article names
    "CSTO", "CIS", "CU", "SES", "EURASEC", "SCO", "OSCE", "NATO", "PFP", "EU", "ENP", "UN",
    "CRDF", "KAZBRIG", "UNION-STATE", "RAS", "CARNEGIE-MOSCOW", "CEAS", "KAZISS", "TSENTR-AZII",
}  # fmt: skip


@pytest.fixture(scope="module")
def cb():
    return load_casebook()


def all_citations(cb) -> list[tuple[str, Citation]]:
    out = []
    for group in (cb.statements, cb.documents, cb.assessments, cb.forces, cb.contributions,
                  cb.claims, cb.regularities, cb.memberships):  # fmt: skip
        for item in group:
            out.append((f"{type(item).__name__} {getattr(item, 'id', '')}", item.cite))
    return out


def test_six_members_in_the_article_order(cb) -> None:
    assert [a.id for a in cb.members] == MEMBERS
    for a in cb.members:
        assert a.section is not None, f"{a.id} has no section"


def test_all_47_claims(cb) -> None:
    assert [c.id for c in cb.claims] == [f"C{i}" for i in range(1, 48)]


def test_every_reference_marker_and_its_27_uses(cb, seed_path) -> None:
    assert [r.number for r in cb.references] == list(range(1, 19))
    assert sum(len(r.uses) for r in cb.references) == 27
    seed = read_seed(seed_path)
    occurrences = Counter(int(n) for line in seed.lines for n in re.findall(r"\[(\d+)\]", line))
    for ref in cb.references:
        assert len(ref.uses) == occurrences[ref.number], f"[{ref.number}]"
        for rng in ref.uses:
            assert f"[{ref.number}]" in seed.span(rng), f"[{ref.number}] not in {rng}"


def test_every_marker_a_citation_names_is_printed_in_its_lines(cb, seed_path) -> None:
    seed = read_seed(seed_path)
    wrong = []
    for label, cite in all_citations(cb):
        text = " ".join(seed.span(r) for r in cite.lines)
        wrong += [
            f"{label}: [{n}] not in {cite.label()}" for n in cite.refs if f"[{n}]" not in text
        ]
    assert not wrong, wrong


def test_every_organisation_the_article_names(cb) -> None:
    ids = {a.id for a in cb.actors if not a.is_state}
    assert ids >= ORGANISATIONS_NAMED, ORGANISATIONS_NAMED - ids


def test_claim_line_ranges_hold_their_key_words(seed_path) -> None:
    report = validate_casebook(seed=seed_path)
    assert report.ok, [str(p) for p in report.problems]


def test_kazakhstan_contributions_are_kept_separate(cb) -> None:
    kaz = [c for c in cb.contributions if c.actor == "KAZ" and c.to == "CRDF"]
    refs = sorted(tuple(c.cite.refs) for c in kaz)
    assert refs == [(6,), (16,)]
    tjk = [c for c in cb.contributions if c.actor == "TJK"]
    assert tjk and "3" in tjk[0].as_printed


def test_force_figures_exactly_as_printed(cb) -> None:
    kaz = {f.as_printed: f.value for f in cb.forces if f.actor == "KAZ"}
    values = sorted(kaz.values())
    assert values == [18, 120, 500, 1000, 3200, 77000]
    assert all(f.cite.refs == (15,) for f in cb.forces if f.actor == "KAZ")


def test_dates_outside_the_article_carry_their_source(cb) -> None:
    for m in cb.memberships:
        assert m.cite.outside, f"{m.actor} in {m.organisation}: the article gives no dates"
        cb.source(m.cite.source)  # raises if unknown
    for d in cb.documents:
        if d.year is not None and d.year_cite is not None:
            assert d.year_cite.outside


def test_every_member_has_interests_threats_and_an_assessment(cb) -> None:
    kinds = Counter((s.actor, s.kind.value) for s in cb.statements)
    for m in MEMBERS:
        assert kinds[(m, "interest")] >= 2, m
        assert kinds[(m, "assessment")] >= 1, m
    for m in ("RUS", "ARM", "KAZ", "KGZ", "TJK"):  # Belarus: "no state is an adversary" is a threat
        assert kinds[(m, "threat")] >= 1, m


def test_experts_and_their_markers(cb) -> None:
    assert len(cb.persons) == 11
    experts = {p.id for p in cb.persons if p.role == "expert"}
    assert len(experts) == 9
    assessed = {a.person for a in cb.assessments}
    assert experts <= assessed


def test_frames_for_jupyter(cb) -> None:
    m = cb.memberships_frame()
    assert len(m) == len(cb.memberships)
    assert {"actor", "organisation", "status", "start", "end", "source"} <= set(m.columns)
    assert m.duplicated(["actor", "organisation", "start"]).sum() == 0
    assert len(cb.claims_frame()) == 47
    assert set(cb.actors_frame()["id"]) >= set(MEMBERS)
    assert len(cb.forces_frame()) == len(cb.forces) + len(cb.contributions)


def test_csto_membership_over_time(cb) -> None:
    assert cb.members_of("CSTO", 2013) == tuple(sorted(MEMBERS))
    assert "UZB" in cb.members_of("CSTO", 2008)
    assert "GEO" not in cb.members_of("CSTO", 2005)
