"""A small casebook built from ujym.core types, for report tests that must not depend on the
embedded casebook's content (which grows as the article is encoded)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pandas as pd
import pytest

from ujym.core import (
    Actor,
    ArticleRecord,
    Assessment,
    Casebook,
    Citation,
    Claim,
    Contribution,
    Document,
    ForceFigure,
    Membership,
    Names,
    Person,
    Regularity,
    Source,
    Statement,
)
from ujym.core.provenance import DatasetRef, Provenance, Unit, attach


def N(kk: str, ru: str, en: str) -> Names:
    return Names(kk=kk, ru=ru, en=en)


def _state(iso3: str, ccode: int, m49: int, short: Names, names: Names, section=None) -> Actor:
    return Actor(
        id=iso3,
        kind="state",
        names=names,
        short=short,
        codes={"iso3": iso3, "ccode": ccode, "m49": m49},
        section=section,
    )


def _org(id_: str, kind: str, short: Names, names: Names, founded=None, cite=None) -> Actor:
    return Actor(id=id_, kind=kind, names=names, short=short, founded=founded, dates_cite=cite)


def mini_casebook() -> Casebook:
    """Six members in the article's order, a few organisations, statements of every kind,
    an expert, forces, two contributions kept apart, three claims and three regularities."""
    art = lambda lines, refs=(): Citation(lines=lines, refs=refs)  # noqa: E731
    charter = Citation(source="csto-charter")
    treaty = Citation(source="collective-security-treaty", editorial="party from signature")
    nato = Citation(source="nato-pfp", page="partners")
    article = ArticleRecord(
        source=Source(
            id="article",
            kind="article",
            title=N(
                "ҰҚТШҰ-ға мүше мемлекеттердің ұлттық мүдделері (атауы үзіндіде жоқ)",
                "Национальные интересы государств — членов ОДКБ (заглавие отсутствует)",
                "National interests of the CSTO member states (title absent from the extract)",
            ),
            author=None,
            publisher=None,
            language="kk",
        ),
        file="000_87a6d6610689dd07.txt",
        sha256="385afbb9cd8782777e973ae233098177156af3dd5bdfc8df2e8bb12db97fc094",
        line_count=453,
        subject="CSTO",
        members_covered=("RUS", "ARM", "BLR", "KAZ", "KGZ", "TJK"),
        dating_evidence=(
            N(
                "L25–27: Ресейдің 2013 жылғы Сыртқы саясат тұжырымдамасы келтіріледі — 2013 жылдан ерте емес.",
                "L25–27: цитируется Концепция внешней политики России 2013 г. — не ранее 2013 г.",
                "L25–27: Russia's 2013 Foreign Policy Concept is cited — no earlier than 2013.",
            ),
            N(
                "L365–366: Тәжікстанның 2011 жылғы 28 маусымдағы № 721 заңы — 2011 жылдың ортасынан кейін.",
                "L365–366: Закон Таджикистана № 721 от 28 июня 2011 г. — после середины 2011 г.",
                "L365–366: Tajikistan's Law No. 721 of 28 June 2011 — after mid-2011.",
            ),
        ),
        written=N(
            "2013 жылдан 2014 жылдың басына немесе ортасына дейін",
            "с 2013 г. до начала или середины 2014 г.",
            "2013 to early/mid 2014",
        ),
    )
    sources = (
        Source(
            id="csto-charter",
            kind="treaty",
            title=N("ҰҚТШҰ Жарғысы", "Устав ОДКБ", "Charter of the CSTO"),
            publisher=N("ҰҚШҰ", "ОДКБ", "CSTO"),
            year="2002-10-07",
            url="https://en.odkb-csto.org/documents/",
        ),
        Source(
            id="collective-security-treaty",
            kind="treaty",
            title=N(
                "Ұжымдық қауіпсіздік туралы шарт",
                "Договор о коллективной безопасности",
                "Collective Security Treaty",
            ),
            publisher=N("ҰҚШҰ", "ОДКБ", "CSTO"),
            year="1992-05-15",
            url="https://en.odkb-csto.org/documents/",
        ),
        Source(
            id="nato-pfp",
            kind="official-website",
            title=N(
                "НАТО: Бейбітшілік жолындағы әріптестік",
                "НАТО: Партнёрство ради мира",
                "NATO: Partnership for Peace programme",
            ),
            publisher=N("НАТО", "НАТО", "NATO"),
            url="https://www.nato.int/cps/en/natohq/topics_50349.htm",
            accessed="2026-11",
            notes=N(
                "Ашық веб-бет; НАТО-ның пайдалану шарттары.",
                "Открытая веб-страница; условия использования НАТО.",
                "Public web page; NATO's terms of use.",
            ),
        ),
    )
    states = (
        _state(
            "RUS",
            365,
            643,
            N("Ресей", "Россия", "Russia"),
            N("Ресей Федерациясы", "Российская Федерация", "Russian Federation"),
            "15-112",
        ),
        _state(
            "ARM",
            371,
            51,
            N("Армения", "Армения", "Armenia"),
            N("Армения Республикасы", "Республика Армения", "Republic of Armenia"),
            "114-163",
        ),
        _state(
            "BLR",
            370,
            112,
            N("Беларусь", "Беларусь", "Belarus"),
            N("Беларусь Республикасы", "Республика Беларусь", "Republic of Belarus"),
            "164-191",
        ),
        _state(
            "KAZ",
            705,
            398,
            N("Қазақстан", "Казахстан", "Kazakhstan"),
            N("Қазақстан Республикасы", "Республика Казахстан", "Republic of Kazakhstan"),
            "195-304",
        ),
        _state(
            "KGZ",
            703,
            417,
            N("Қырғызстан", "Киргизия", "Kyrgyzstan"),
            N("Қырғыз Республикасы", "Киргизская Республика", "Kyrgyz Republic"),
            "305-362",
        ),
        _state(
            "TJK",
            702,
            762,
            N("Тәжікстан", "Таджикистан", "Tajikistan"),
            N("Тәжікстан Республикасы", "Республика Таджикистан", "Republic of Tajikistan"),
            "363-423",
        ),
        _state(
            "UZB",
            704,
            860,
            N("Өзбекстан", "Узбекистан", "Uzbekistan"),
            N("Өзбекстан Республикасы", "Республика Узбекистан", "Republic of Uzbekistan"),
        ),
    )
    orgs = (
        _org(
            "CSTO",
            "alliance",
            N("ҰҚТШҰ", "ОДКБ", "CSTO"),
            N(
                "Ұжымдық қауіпсіздік туралы шарт ұйымы",
                "Организация Договора о коллективной безопасности",
                "Collective Security Treaty Organization",
            ),
            "2002-10-07",
            charter,
        ),
        _org(
            "NATO",
            "alliance",
            N("НАТО", "НАТО", "NATO"),
            N(
                "Солтүстік Атлант шарты ұйымы",
                "Организация Североатлантического договора",
                "North Atlantic Treaty Organization",
            ),
            "1949-04-04",
        ),
        _org(
            "PFP",
            "programme",
            N("БЖӘ", "ПРМ", "PfP"),
            N("Бейбітшілік жолындағы әріптестік", "Партнёрство ради мира", "Partnership for Peace"),
            "1994-01",
        ),
        _org(
            "CRDF",
            "force",
            N("ҰЖКЖ", "КСОР", "CRDF"),
            N(
                "Ұжымдық жедел күштер",
                "Коллективные силы оперативного реагирования",
                "Collective Rapid Reaction Force",
            ),
            "2009",
        ),
        _org(
            "KSBR",
            "force",
            N("КСБР", "КСБР", "CRDF (Central Asia)"),
            N(
                "Орталық Азия өңірінің ұжымдық жедел күштері",
                "Коллективные силы быстрого развёртывания Центральноазиатского региона",
                "Collective Rapid Deployment Forces of the Central Asian region",
            ),
            "2001",
        ),
    )
    memberships = (
        *(
            Membership(
                actor=a,
                organisation="CSTO",
                status="member",
                period={"start": "1992-05-15"},
                cite=treaty,
            )
            for a in ("RUS", "ARM", "KAZ", "KGZ", "TJK")
        ),
        Membership(
            actor="BLR",
            organisation="CSTO",
            status="member",
            period={"start": "1993-12"},
            cite=treaty,
        ),
        Membership(
            actor="UZB",
            organisation="CSTO",
            status="member",
            period={"start": "2006-08", "end": "2012-06"},
            cite=charter,
        ),
        Membership(
            actor="UZB",
            organisation="CSTO",
            status="suspended",
            period={"start": "2012-06"},
            cite=charter,
            note=N("қатысуын тоқтатты", "приостановил участие", "suspended its participation"),
        ),
        Membership(
            actor="KAZ",
            organisation="PFP",
            status="partner",
            period={"start": "1994-05-27"},
            cite=nato,
        ),
        Membership(
            actor="ARM",
            organisation="PFP",
            status="partner",
            period={"start": "1994-10-05"},
            cite=nato,
        ),
    )
    statements = (
        Statement(
            actor="RUS",
            kind="interest",
            text=N(
                "Ресейдің ҰҚТШҰ-ға қатысты саясаты айрықша орынға ие.",
                "Политика России в отношении ОДКБ занимает особое место.",
                "Russia's policy toward the CSTO occupies a special place.",
            ),
            cite=art("15-16"),
        ),
        Statement(
            actor="RUS",
            kind="assessment",
            text=N(
                "ҰҚТШҰ Ресейдің құралы ретінде қабылданады, бұл ұйымға кедергі келтіреді.",
                "ОДКБ воспринимается как инструмент России, что мешает организации.",
                "The CSTO is seen as Russia's instrument, which hinders it.",
            ),
            cite=art("88-91"),
        ),
        Statement(
            actor="ARM",
            kind="threat",
            text=N(
                "Қалыптасқан этнотерриториялық қақтығыстар тұрақсыздық әкеледі.",
                "Сложившиеся этнотерриториальные конфликты несут нестабильность.",
                "Entrenched ethno-territorial conflicts bring instability.",
            ),
            cite=art("115-120"),
        ),
        Statement(
            actor="ARM",
            kind="partner",
            text=N(
                "Армения САКҰ және ЕО бағыттарында ықпал етеді.",
                "Армения действует на направлениях НАТО и ЕС.",
                "Armenia works along the NATO and EU directions.",
            ),
            about=("NATO",),
            cite=art("140-143"),
        ),
        Statement(
            actor="KAZ",
            kind="interest",
            text=N(
                "Қазақстан көпжақты сыртқы саясат жүргізеді.",
                "Казахстан проводит многовекторную внешнюю политику.",
                "Kazakhstan pursues a multi-vector foreign policy.",
            ),
            about=("RUS",),
            cite=art("198-201"),
        ),
        Statement(
            actor="KAZ",
            kind="benefit",
            text=N(
                "Тегін әскери білім.", "Бесплатное военное образование.", "Free military education."
            ),
            cite=art("261-264"),
        ),
        Statement(
            actor="KAZ",
            kind="partner",
            text=N(
                "Қазақстан 1994 жылдан бері НАТО-ның серіктесі.",
                "Казахстан — партнёр НАТО с 1994 года.",
                "Kazakhstan has been a NATO partner since 1994.",
            ),
            about=("NATO",),
            cite=nato,
        ),
    )
    documents = (
        Document(
            id="rus-military-doctrine-2010",
            actor="RUS",
            kind="doctrine",
            title=N(
                "Ресейдің әскери доктринасы",
                "Военная доктрина России",
                "Military Doctrine of Russia",
            ),
            as_printed="Ресей Федерациясының 2010 жылғы әскери доктринасы",
            year="2010",
            content=N(
                "Ұжымдық қауіпсіздікті қамтамасыз ету.",
                "Обеспечение коллективной безопасности.",
                "Ensuring collective security within the CSTO.",
            ),
            cite=art("37-44", (4,)),
        ),
        Document(
            id="arm-nss",
            actor="ARM",
            kind="strategy",
            title=N(
                "Арменияның ұлттық қауіпсіздік стратегиясы",
                "Стратегия национальной безопасности Армении",
                "National Security Strategy of Armenia",
            ),
            as_printed="Арменияның ұлттық қауіпсіздік стратегиясы",
            year="2007",
            year_cite=Citation(source="csto-charter", editorial="year"),
            content=N("Комплементаризм.", "Комплементаризм.", "Complementarism."),
            cite=art("128-132", (10,)),
        ),
    )
    persons = (
        Person(
            id="trenin",
            role="expert",
            as_printed="Д.В.Тренин",
            names=N("Д. В. Тренин", "Д. В. Тренин", "D. V. Trenin"),
            affiliation=N(
                "Мәскеулік Карнеги орталығы", "Московский центр Карнеги", "Carnegie Moscow Center"
            ),
        ),
    )
    assessments = (
        Assessment(
            person="trenin",
            about=("CSTO", "RUS"),
            text=N(
                "ҰҚТШҰ жаңа қауіпсіздік жүйесі деңгейіне жетпейді.",
                "ОДКБ не достигает уровня новой системы безопасности.",
                "The CSTO does not reach the level of a new security system.",
            ),
            quote_as_printed="ҰҚТШҰ ... жаңа қауіпсіздік жүйесі деңгейіне жетпейді",
            cite=art("101-104", (9,)),
        ),
    )
    forces = (
        ForceFigure(
            actor="KAZ",
            item=N("тұрақты әскер саны", "численность постоянной армии", "standing army"),
            value=77000,
            unit="persons",
            as_printed="77 мың адамүһ",
            cite=art("270", (15,)),
        ),
        ForceFigure(
            actor="KAZ",
            item=N("тікұшақ", "вертолёты", "helicopters"),
            value=500,
            unit="units",
            as_printed="500 тікұшақ",
            cite=art("272", (15,)),
            note=N(
                "тым жоғары; Military Balance деректерімен салыстырыңыз",
                "неправдоподобно много; сверьте с Military Balance",
                "implausibly high; check against the Military Balance",
            ),
        ),
    )
    contributions = (
        Contribution(
            actor="KAZ",
            to="KSBR",
            what=N(
                "екі десанттық-шабуыл батальоны",
                "два десантно-штурмовых батальона",
                "two air-assault battalions",
            ),
            as_printed="екі десанттық-шабуыл батальоны",
            cite=art("278-280", (6,)),
        ),
        Contribution(
            actor="KAZ",
            to="CRDF",
            what=N(
                "37-ші десанттық-шабуылдау бригадасы",
                "37-я десантно-штурмовая бригада",
                "the 37th air-assault brigade",
            ),
            as_printed="37-ші десанттық-шабуылдау аэромобильді әскері",
            cite=art("285-287", (16,)),
        ),
    )
    claims = (
        Claim(
            id="C1",
            text=N(
                "Мүшелер кейде қарама-қайшы саясат жүргізеді.",
                "Члены порой проводят противоречивую политику.",
                "Members sometimes pursue contradictory policies.",
            ),
            cite=art("11-13"),
            subjects=("RUS", "ARM", "BLR", "KAZ", "KGZ", "TJK"),
            period={"start": "2002", "end": "2014"},
            evidence=("voting",),
            datasets=("Voeten UNGA votes",),
            keywords=("қарама-қайшы",),
        ),
        Claim(
            id="C2",
            text=N(
                "Қазақстан Ресейден кейін екінші.",
                "Казахстан второй после России.",
                "Kazakhstan is second after Russia.",
            ),
            cite=art(["195-197", "274-275"]),
            subjects=("KAZ", "RUS"),
            period={"start": "2012", "end": "2014"},
            evidence=("capabilities",),
            keywords=("Ресейден кейін",),
        ),
        Claim(
            id="C10",
            text=N(
                "Армения үшін ҰҚТШҰ — Ресей ықпалының арнасы.",
                "Для Армении ОДКБ — канал влияния России.",
                "For Armenia the CSTO is a channel of Russian influence.",
            ),
            cite=art("159-163"),
            subjects=("ARM",),
            period={"start": "2013"},
            evidence=("interpretive", "memberships"),
            keywords=("Армения",),
        ),
    )
    regularities = tuple(
        Regularity(
            number=i,
            text=N(f"{i}-заңдылық.", f"Закономерность {i}.", f"Regularity {i}."),
            cite=art(f"{424 + 8 * i}-{428 + 8 * i}"),
            claims=("C1",) if i == 1 else (),
        )
        for i in (1, 2, 3)
    )
    return Casebook(
        article=article,
        sources=sources,
        actors=states + orgs,
        memberships=memberships,
        statements=statements,
        documents=documents,
        persons=persons,
        assessments=assessments,
        forces=forces,
        contributions=contributions,
        claims=claims,
        regularities=regularities,
    )


@pytest.fixture(scope="session")
def small_casebook() -> Casebook:
    return mini_casebook()


# ---- data for the figure pages -------------------------------------------------------------


@pytest.fixture(scope="session")
def real_unga(shared_data: Path) -> Any:
    """The real UN votes (unvotes 0.3.0 from ../shared) in the canonical layout, shaped as the
    cache reader returns them (``votes``, ``roll_calls``, ``dataset``, ``version``)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import _unga_frames

    votes, rc = _unga_frames.canonical(shared_data)
    from ujym.sources.unga import UNGAVotes

    return UNGAVotes(votes=votes, roll_calls=rc, dataset="unvotes", version="0.3.0")


@pytest.fixture(scope="session")
def alignment_profile_frame(real_unga: SimpleNamespace) -> pd.DataFrame:
    """Kazakhstan against Russia, the US, China and the EU core, 1992-2019, on the real votes,
    with the typed provenance pipeline frames are moving to."""
    from ujym.pipeline.dyads import alignment_profile
    from ujym.sources.votematrix import build_vote_matrix

    matrix = build_vote_matrix(real_unga.votes, real_unga.roll_calls, years=(1992, 2019))
    df = alignment_profile(705, ["RUS", "USA", "CHN", "EU"], matrix=matrix)
    return attach(df, Provenance(Unit.STATE_YEAR, datasets=(DatasetRef("unvotes", "0.3.0"),)))


@pytest.fixture
def ideal_points() -> pd.DataFrame:
    """A small ideal-point frame (the columns estimate_ideal_points returns) carrying the typed
    provenance of the pipeline's frames."""
    rows = []
    for code, base in ((365, 0.3), (371, 0.4), (370, -0.3), (705, 0.1), (703, 0.0), (702, -0.1),
                       (2, 3.5), (710, -0.8), (255, 1.4)):  # fmt: skip
        for year in range(2010, 2020):
            value = base + 0.01 * (year - 2010)
            status = "few_votes" if (code, year) == (703, 2012) else "ok"
            rows.append({"ccode": code, "year": year, "session": year - 1945,
                         "ideal_point": value, "lower": value - 0.2, "upper": value + 0.2,
                         "n_votes": 3 if status == "few_votes" else 70, "status": status})  # fmt: skip
    df = pd.DataFrame(rows)
    return attach(df, Provenance(Unit.STATE_SESSION, datasets=(DatasetRef("unvotes", "0.3.0"),)))


@pytest.fixture(scope="session")
def forecast_result() -> Any:
    from ujym.pipeline.bargaining import simulate_bargaining

    return simulate_bargaining("crdf-internal-crisis", runs=40, seed=1)


@pytest.fixture
def examples(
    small_casebook: Casebook,
    alignment_profile_frame: pd.DataFrame,
    ideal_points: pd.DataFrame,
    forecast_result: Any,
) -> dict[str, Callable[[], dict[str, Any]]]:
    """Parameters of every registered page. A new page needs an entry here (a test checks)."""
    return {
        "brief": lambda: {
            "casebook": small_casebook,
            "verdicts": {"C1": "supported"},
            "data": [Provenance(Unit.TABLE, datasets=(DatasetRef("cow_nmc", "6.0"),))],
        },
        "forecast": lambda: {"result": forecast_result, "casebook": small_casebook},
        "alignment": lambda: {
            "profile": alignment_profile_frame,
            "state": 705,
            "partners": ["RUS", "USA", "CHN", "EU"],
            "measure": "agreement",
        },
        "ideal": lambda: {"ideal": ideal_points, "casebook": small_casebook},
    }
