"""One resolver for states, one for groups: dated members, completeness, names, mixed specs."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

import ujym
from _vote_scenarios import scenario
from ujym.core.errors import UnknownCodeError
from ujym.core.groups import EU_CORE, GroupKind, IncompleteGroupError
from ujym.core.provenance import provenance_of
from ujym.engines.multivector import eu_core
from ujym.pipeline import dyads
from ujym.pipeline.cohesion import group_cohesion
from ujym.pipeline.dyads import add_alignment, alignment_profile, create_dyad_years
from ujym.sources import codes
from ujym.sources.casebook import load_casebook
from ujym.sources.groups import find_group, known_groups, parse_spec, resolve_group, subject_group

RUS, ARM, BLR, KAZ, KGZ, TJK, UZB, AZE, GEO = 365, 371, 370, 705, 703, 702, 704, 373, 372
SIX = (RUS, BLR, ARM, TJK, KGZ, KAZ)


def test_csto_members_change_with_the_dated_record() -> None:
    csto = resolve_group("CSTO")
    assert csto.kind is GroupKind.ORGANISATION
    assert set(csto.members(1995)) == {*SIX, UZB, AZE, GEO}  # the nine parties to the Treaty
    assert set(csto.members(2000)) == set(SIX)  # Uzbekistan, Azerbaijan, Georgia left in 1999
    assert UZB in csto.members(2008)  # restored membership, 2006
    assert csto.members(2013) == tuple(sorted(SIX))  # suspended since 19 December 2012
    assert csto.members(1990) == ()
    # by day: the Collective Security Council's decision of 19 December 2012
    assert UZB in csto.members_on(date(2012, 12, 18))
    assert UZB not in csto.members_on(date(2012, 12, 20))
    assert csto.members_on(date(2012, 12, 20), statuses=("suspended",)) == (UZB,)
    assert set(csto.ever_members()) == {*SIX, UZB, AZE, GEO}


def test_completeness_is_recorded_and_can_be_required() -> None:
    csto, un = resolve_group("CSTO"), resolve_group("UN")
    assert csto.complete and csto.complete_for(1992)
    assert csto.complete_for(1991) and csto.members(1991) == ()  # before the Treaty: nobody
    csto.require_complete(range(1946, 2031))
    assert not un.complete  # the casebook lists only the article's states in the UN
    with pytest.raises(IncompleteGroupError) as info:
        un.members(2015)
    with pytest.raises(IncompleteGroupError):
        parse_spec("KAZ,UN").members(2015)  # never a partial list, even mixed with states
    with pytest.raises(IncompleteGroupError) as info:
        un.require_complete([2015, 2019])
    assert "UN" in str(info.value) and "2015–2019" in str(info.value)
    assert "\n" not in str(info.value)
    assert EU_CORE.complete  # a comparison set is what it says
    # the record lists every full member, not every observer: observers are refused
    with pytest.raises(IncompleteGroupError, match="not every observer"):
        resolve_group("SCO").members(2010, statuses=("observer",))


def test_names_in_three_languages_and_aliases() -> None:
    assert resolve_group("csto").id == "CSTO"
    assert resolve_group("ОДКБ").id == "CSTO" and resolve_group("ҰҚШҰ").id == "CSTO"
    assert resolve_group("Collective Security Treaty Organization").id == "CSTO"
    assert resolve_group("EU").id == "EU" and resolve_group("ЕС").id == "EU"  # the Union itself
    assert resolve_group("eu-core") is EU_CORE and resolve_group("EU core") is EU_CORE
    assert resolve_group("CU").id == "CU"  # the Customs Union, not Cuba
    assert find_group("KAZ") is None


def test_unknown_group_lists_the_known_ones() -> None:
    with pytest.raises(UnknownCodeError) as info:
        resolve_group("ATLANTIS")
    text = str(info.value)
    assert text.startswith("unknown group 'ATLANTIS' — use one of: ") and "\n" not in text
    for known in ("CSTO", "NATO", "SCO", "EU", "EU-CORE", "OSCE", "GUAM", "OTS"):
        assert known in text
    assert "UN," not in text and "PFP" not in text  # incomplete records are not offered
    ids = [g.id for g in known_groups()]
    assert "CSTO" in ids and "EU-CORE" in ids and "EU" in ids


def test_a_spec_mixing_states_and_groups() -> None:
    spec = parse_spec(" KAZ, UZB ,CSTO")
    assert spec is not None
    assert [g.id for g in spec.groups] == ["CSTO"] and [c.iso3 for c in spec.states] == [
        "KAZ",
        "UZB",
    ]
    assert spec.members(2000) == tuple(sorted({*SIX, UZB}))  # Uzbekistan named, the CSTO's six
    assert spec.members(1995) == tuple(sorted({*SIX, UZB, AZE, GEO}))
    mixed = parse_spec(["RUS", 705, "EU-CORE"])
    assert mixed is not None and mixed.members(2020) == (220, 255, 325, RUS, KAZ)
    assert mixed.members(2019) == (200, 220, 255, 325, RUS, KAZ)
    assert mixed.label("ru") == "Ядро ЕС, Россия, Казахстан"
    eu = parse_spec(["EU"])
    assert eu is not None and len(eu.members(2019)) == 28 and len(eu.members(2021)) == 27
    assert parse_spec(None) is None
    with pytest.raises(UnknownCodeError, match=r"unknown state or group 'ATLANTIS' — .*CSTO"):
        parse_spec("KAZ,ATLANTIS")


def test_eu_core_is_one_definition() -> None:
    for year in range(1946, 2031):
        assert set(EU_CORE.members(year)) == set(eu_core(year)), year


def test_the_subject_organisation_comes_from_the_casebook() -> None:
    cb = load_casebook()
    assert subject_group(cb).id == cb.article.subject


def test_resolve_state_is_one_function_with_one_type() -> None:
    assert ujym.resolve_state is codes.resolve_state
    for typed in ("KAZ", "KZ", 705, "705", "Kazakhstan", "Қазақстан", "Казахстан"):
        got = codes.resolve_state(typed)
        assert isinstance(got, codes.Country) and got.ccode == KAZ
    # the pipeline uses that one function (no int-returning copy of its own)
    assert dyads.resolve_state is codes.resolve_state and "resolve_state" not in dyads.__all__
    assert not hasattr(dyads, "resolve_states") and not hasattr(dyads, "group_members")


def test_cohesion_and_profile_agree_on_eu() -> None:
    """`cohesion EU` and `plot-alignment --against EU` name the same set: the European Union."""
    m = scenario(range(2018, 2021), {"ARM": 4})
    by_alias = group_cohesion("EU", matrix=m)
    by_name = group_cohesion("European Union", matrix=m)
    assert by_alias.equals(by_name)
    assert provenance_of(by_alias).details["groups"] == ["EU"]
    core = group_cohesion("EU-CORE", matrix=m)
    assert provenance_of(core).details["groups"] == ["EU-CORE"]
    prof = alignment_profile("ARM", ["EU"], matrix=m)
    eu = resolve_group("EU")
    for year in (2019, 2020):
        members = [c for c in eu.members(year) if c in set(m.ccodes.tolist())]
        each = add_alignment(
            create_dyad_years(["ARM"], partners=members, years=year, matrix=m),
            ["agreement"],
            matrix=m,
        )
        got = prof.loc[prof["year"] == year, "value"].iloc[0]
        # Voeten's rule keeps the 12 contested roll calls (0-9, and 10-11 where China abstains):
        # Armenia votes with the EU on 0-3 and on 10-11
        assert got == pytest.approx(np.mean(each["agreement"])) == pytest.approx((4 + 2) / 12)
    # the scenario's European voters: France, Germany, Italy and the UK (the UK only to 2020)
    assert [c for c in eu.members(2020) if c in (200, 220, 255, 325)] == [200, 220, 255, 325]
    assert 200 not in eu.members(2021)
