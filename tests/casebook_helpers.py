"""A small casebook written file by file, for the validator's tests (tests/sources) and the
command's (tests/cli): ``FILES`` holds valid YAML for each file, :func:`write_casebook` writes them
with overrides, :func:`digest` fingerprints a folder (to show validation changes nothing)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from textwrap import dedent

ARTICLE = """\
source:
  id: article
  kind: article
  title: {kk: Мақала, ru: Статья, en: Article}
file: 000_87a6d6610689dd07.txt
sha256: 385afbb9cd8782777e973ae233098177156af3dd5bdfc8df2e8bb12db97fc094
line_count: 453
subject: CSTO
members_covered: [KAZ, RUS]
written: "2013"
dating_evidence: [L25–27 cites the 2013 Concept]
"""

FILES = {
    "article.yaml": ARTICLE,
    "actors/KAZ.yaml": """\
id: KAZ
kind: state
names: {kk: Қазақстан Республикасы, ru: Республика Казахстан, en: Republic of Kazakhstan}
short: {kk: Қазақстан, ru: Казахстан, en: Kazakhstan}
codes: {iso3: KAZ, ccode: 705, m49: 398}
statements:
  - kind: interest
    text: {kk: Көпжақты саясат, ru: Многовекторная политика, en: Multi-vector policy}
    about: [RUS]
    cite: {lines: 198-201}
""",
    "actors/RUS.yaml": """\
id: RUS
kind: state
names: {kk: Ресей Федерациясы, ru: Российская Федерация, en: Russian Federation}
short: {kk: Ресей, ru: Россия, en: Russia}
codes: {iso3: RUS, ccode: 365, m49: 643}
""",
    "organisations/CSTO.yaml": """\
id: CSTO
kind: alliance
names: {kk: Ұжымдық қауіпсіздік туралы шарт ұйымы, ru: ОДКБ, en: CSTO}
short: {kk: ҰҚТШҰ, ru: ОДКБ, en: CSTO}
memberships:
  - actor: KAZ
    status: member
    period: {start: 1992-05-15}
    cite: {source: cst}
""",
    "sources/cst.yaml": """\
id: cst
kind: treaty
title: {kk: Шарт, ru: Договор, en: Treaty}
""",
    "references/ref-15.yaml": """\
number: 15
uses: ["222", "274"]
supports: {kk: Әскер, ru: Армия, en: Forces}
""",
    "claims/C21.yaml": """\
id: C21
text: {kk: 77 мың әскер, ru: 77 тысяч военнослужащих, en: "77,000 troops"}
cite: {lines: 270-274, refs: [15]}
subjects: [KAZ]
period: {start: "2012", end: "2014"}
evidence: [capabilities]
keywords: [77 мың]
check:
  kind: data
  operationalisation: {kk: COW milper, ru: COW milper, en: COW milper}
  rule: {kk: "77 мыңнан 10 %", ru: "В пределах 10 % от 77 тыс.", en: "Within 10 % of 77,000"}
  reference:
  - id: nmc-states
    text: {kk: COW NMC мемлекеттері, ru: Государства COW NMC, en: States in COW NMC}
  cannot_see: {kk: Танктер көрінбейді, ru: Танки не видны, en: Tanks are not seen}
""",
}


def write_casebook(root: Path, **overrides: str) -> Path:
    for rel, text in {**FILES, **overrides}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text), encoding="utf-8")
    return root


def digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*.yaml"))
    }
