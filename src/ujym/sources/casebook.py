"""Load and validate a casebook directory (YAML, one file per entity; see docs/casebook.md).

Validation never changes a file. It reports every problem it finds with the file, the line and
what to do, so a user can check a casebook they edited or extended:

>>> report = validate_casebook()          # the embedded casebook
>>> report.ok
True
>>> cb = load_casebook()
>>> [a.id for a in cb.members]
['RUS', 'ARM', 'BLR', 'KAZ', 'KGZ', 'TJK']
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ujym.core.actors import Actor, ActorKind
from ujym.core.casebook import SEED_ARTICLE, ArticleRecord, Casebook, claim_key
from ujym.core.citations import ARTICLE, Citation, Source
from ujym.core.claims import Claim, ReferenceMarker, Regularity
from ujym.core.errors import ExitCode, UjymError
from ujym.core.forces import Contribution, ForceFigure
from ujym.core.memberships import Membership, MembershipRecord, MembershipStatus
from ujym.core.names import Names
from ujym.core.statements import Assessment, Document, Person, Statement
from ujym.core.text import has_latin_schwa
from ujym.i18n import N_, _
from ujym.sources import safe_yaml
from ujym.sources.casebook_files import (
    casebook_dir as casebook_dir,
)
from ujym.sources.casebook_files import (
    default_casebook_dir as default_casebook_dir,
)
from ujym.sources.casebook_files import (
    hostile,
    record_files,
    refuse_hostile,
)
from ujym.sources.casebook_files import (
    select_casebook as select_casebook,
)
from ujym.sources.seed import SeedText, find_seed, read_seed

Path_ = tuple[str | int, ...]
CLAIM_ID = re.compile(r"^C\d+$")
_LANG_NAMES = {"kk": "Kazakh", "ru": "Russian", "en": "English"}
_MISSING_TEXT = {
    "kk": N_("missing Kazakh translation at {field}"),
    "ru": N_("missing Russian translation at {field}"),
    "en": N_("missing English translation at {field}"),
}
_ADD_TEXT = {
    "kk": N_("add `kk:` with the Kazakh text"),
    "ru": N_("add `ru:` with the Russian text"),
    "en": N_("add `en:` with the English text"),
}
_EMPTY_TEXT = {
    "kk": N_("empty Kazakh translation at {field}"),
    "ru": N_("empty Russian translation at {field}"),
    "en": N_("empty English translation at {field}"),
}
_UNKNOWN_ID = {
    "actor": N_("unknown actor {code!r}"),
    "organisation": N_("unknown organisation {code!r}"),
    "claim": N_("unknown claim {code!r}"),
}
_WRITE_TEXT = {
    "kk": N_("write the Kazakh text"),
    "ru": N_("write the Russian text"),
    "en": N_("write the English text"),
}
_VALUE_TYPES = {
    "string_type": N_("must be text"),
    "int_type": N_("must be a whole number"),
    "int_parsing": N_("must be a whole number"),
    "int_from_float": N_("must be a whole number"),
    "float_type": N_("must be a number"),
    "float_parsing": N_("must be a number"),
    "bool_type": N_("must be true or false"),
    "bool_parsing": N_("must be true or false"),
    "date_type": N_("must be a date (YYYY-MM-DD)"),
    "date_parsing": N_("must be a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": N_("must be a date (YYYY-MM-DD)"),
    "list_type": N_("must be a list"),
    "tuple_type": N_("must be a list"),
    "dict_type": N_("must be a mapping"),
    "model_type": N_("must be a mapping"),
    "enum": N_("Input should be {expected}"),
    "literal_error": N_("Input should be {expected}"),
}
"""pydantic's error types a casebook author meets most, in the reader's words (the validator's
message otherwise: a rule of ujym's own models)."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a casebook: where it is and what to do."""

    file: str
    line: int | None
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message} — {self.fix}"


class CasebookError(UjymError):
    """A casebook that does not validate; ``problems`` lists every problem."""

    exit_code = ExitCode.PROBLEMS_FOUND

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(
            f"the casebook has problems: {first.file}:{first.line or ''} {first.message}{more}",
            "run `ujym casebook validate` to list them all",
        )
        self.problems = problems


@dataclass
class ValidationReport:
    """The result of validating a casebook directory."""

    directory: Path
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    files_checked: int = 0
    casebook: Casebook | None = None

    @property
    def ok(self) -> bool:
        """Whether the casebook has no problem."""
        return not self.problems


# ---- YAML with line numbers -----------------------------------------------------------------


@dataclass
class _Doc:
    file: str
    data: Any
    lines: dict[Path_, int]

    def line(self, path: Path_) -> int | None:
        """Line of ``path``, or of its closest ancestor present in the file."""
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), 1)


def _walk(
    node: yaml.Node, path: Path_, lines: dict[Path_, int], dupes: list[tuple[str, int]]
) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                dupes.append((key, key_node.start_mark.line + 1))
            seen.add(key)
            lines[(*path, key)] = key_node.start_mark.line + 1
            _walk(value_node, (*path, key), lines, dupes)
            lines[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*path, i), lines, dupes)


def _read_yaml(path: Path, rel: str, problems: list[Problem]) -> _Doc | None:
    try:
        node, data = safe_yaml.load(safe_yaml.read(path))
    except safe_yaml.YamlLimitError as exc:  # a hostile or broken file: refused, exit 2
        raise hostile(rel, exc) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(
            Problem(
                rel, line, _("malformed YAML: {what}").format(what=what), _("fix the YAML syntax")
            )
        )
        return None
    if node is None or not isinstance(data, dict):
        problems.append(
            Problem(rel, 1, _("the file does not hold a mapping"), _("see docs/casebook.md"))
        )
        return None
    lines: dict[Path_, int] = {}
    dupes: list[tuple[str, int]] = []
    _walk(node, (), lines, dupes)
    for key, line in dupes:
        problems.append(
            Problem(
                rel, line, _("key {key!r} appears twice").format(key=key), _("keep one of them")
            )
        )
    return _Doc(rel, data, lines)


# ---- building typed values ------------------------------------------------------------------


def _describe(err: Mapping[str, Any], base: Path_ = ()) -> tuple[str, str]:
    loc = [str(x) for x in (*base, *err.get("loc", ()))]
    kind = err.get("type", "")
    last = loc[-1] if loc else ""
    dotted = ".".join(loc) or "(file)"
    if kind == "missing":
        if last in _LANG_NAMES:
            return (
                _(_MISSING_TEXT[last]).format(field=dotted),
                _(_ADD_TEXT[last]),
            )
        return (
            _("missing field {field!r}").format(field=dotted),
            _("add it (see docs/casebook.md)"),
        )
    if kind == "extra_forbidden":
        return (
            _("unknown key {field!r}").format(field=dotted),
            _("remove it or fix its spelling (see docs/casebook.md)"),
        )
    msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
    if kind == "model_type" and msg.endswith("instance of Names"):
        return (
            _("{field}: a text readers see needs Kazakh, Russian and English").format(field=dotted),
            _(
                "write it as `{kk: …, ru: …, en: …}`; a note only for the casebook's maintainers "
                "goes under `editorial:`, which is never shown"
            ),
        )
    if last in _LANG_NAMES and "empty" in msg:
        return (
            _(_EMPTY_TEXT[last]).format(field=dotted),
            _(_WRITE_TEXT[last]),
        )
    if kind in _VALUE_TYPES:
        expected = str(err.get("ctx", {}).get("expected", ""))
        msg = _(_VALUE_TYPES[kind]).format(expected=expected)
    return f"{dotted}: {msg}", _("correct the value")


@dataclass
class _Built:
    value: Any
    doc: _Doc
    base: Path_


class _Builder:
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.built: list[_Built] = []
        self.declared: dict[str, set[str]] = {"actor": set(), "organisation": set()}

    def make(self, model: type[BaseModel], doc: _Doc, base: Path_, data: Any, **extra: Any) -> Any:
        if not isinstance(data, dict):
            self.problems.append(
                Problem(
                    doc.file,
                    doc.line(base),
                    _("expected a mapping here"),
                    _("see docs/casebook.md"),
                )
            )
            return None
        try:
            value = model(**{**data, **extra})
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(err.get("loc", ()))
                message, fix = _describe(err, base)
                self.problems.append(Problem(doc.file, doc.line((*base, *loc)), message, fix))
            return None
        self.built.append(_Built(value, doc, base))
        return value


def _split(data: dict[str, Any], *keys: str) -> tuple[dict[str, Any], dict[str, Any]]:
    head = {k: v for k, v in data.items() if k not in keys}
    return head, {k: data.get(k) for k in keys}


def _items(doc: _Doc, key: str, value: Any, problems: list[Problem]) -> Iterator[tuple[int, Any]]:
    if value is None:
        return
    if not isinstance(value, list):
        problems.append(
            Problem(
                doc.file,
                doc.line((key,)),
                _("{key!r} must be a list").format(key=key),
                _("use `- ` items"),
            )
        )
        return
    yield from enumerate(value)


# ---- validation -----------------------------------------------------------------------------


def validate_casebook(
    directory: Path | str | None = None,
    *,
    seed: Path | str | None = None,
    checks: Mapping[str, str] | Callable[[], Mapping[str, str]] | None = None,
) -> ValidationReport:
    """Check a casebook directory; returns every problem found (file, line, what to do).

    ``seed`` is the path of the seed article; with it (or ``UJYM_SEED``) the validator also checks
    the file's checksum and that every claim's line range holds the claim's key words.

    ``checks`` maps claim ids to the registered check functions (their dotted names, e.g.
    ``ujym.pipeline.checks.check_functions()``); with it the validator also reports a claim whose
    ``check:`` block has no function and a function whose claim has no ``check:`` block. A
    function registered for a claim the casebook does not hold is not this casebook's problem.
    A callable is called only once every file has been read (the registry loads the checks'
    libraries: a file refused on reading does not wait for them).
    """
    root = Path(directory) if directory else casebook_dir()
    report = ValidationReport(directory=root)
    problems = report.problems
    if not root.is_dir():
        problems.append(Problem(str(root), None, _("not a directory"), _("give a casebook folder")))
        return report
    refuse_hostile(root)
    b = _Builder(problems)

    def rel(p: Path) -> str:
        return str(p.relative_to(root))

    article: ArticleRecord | None = None
    art_path = root / "article.yaml"
    if not art_path.is_file():
        problems.append(Problem("article.yaml", None, _("missing"), _("add the article record")))
    else:
        report.files_checked += 1
        doc = _read_yaml(art_path, "article.yaml", problems)
        if doc:
            article = b.make(ArticleRecord, doc, (), doc.data)

    sources: list[Source] = []
    actors: list[Actor] = []
    memberships: list[Membership] = []
    statements: list[Statement] = []
    forces: list[ForceFigure] = []
    contributions: list[Contribution] = []
    documents: list[Document] = []
    persons: list[Person] = []
    assessments: list[Assessment] = []
    claims: list[Claim] = []
    regularities: list[Regularity] = []
    references: list[ReferenceMarker] = []

    def each(sub: str) -> Iterator[_Doc]:
        for path in record_files(root, sub):
            report.files_checked += 1
            doc = _read_yaml(path, rel(path), problems)
            if doc is not None:
                yield doc
            elif sub in ("actors", "organisations"):  # unreadable: assume its id is its name
                b.declared["actor"].add(path.stem)
                if sub == "organisations":
                    b.declared["organisation"].add(path.stem)

    def collect(target: list[Any], value: Any) -> None:
        if value is not None:
            target.append(value)

    for doc in each("sources"):
        collect(sources, b.make(Source, doc, (), doc.data))
    for doc in each("references"):
        collect(references, b.make(ReferenceMarker, doc, (), doc.data))
    for doc in each("actors"):
        head, parts = _split(doc.data, "statements", "forces", "contributions")
        actor = b.make(Actor, doc, (), head)
        collect(actors, actor)
        b.declared["actor"].add(str(head.get("id")))
        aid = actor.id if actor else str(head.get("id", "?"))
        for key, model, target in (
            ("statements", Statement, statements),
            ("forces", ForceFigure, forces),
            ("contributions", Contribution, contributions),
        ):
            for i, item in _items(doc, key, parts[key], problems):
                collect(target, b.make(model, doc, (key, i), item, actor=aid))
    for doc in each("organisations"):
        head, parts = _split(doc.data, "memberships")
        org = b.make(Actor, doc, (), head)
        collect(actors, org)
        b.declared["actor"].add(str(head.get("id")))
        b.declared["organisation"].add(str(head.get("id")))
        oid = org.id if org else str(head.get("id", "?"))
        for i, item in _items(doc, "memberships", parts["memberships"], problems):
            if isinstance(item, dict) and "ccode" in item:  # the loader's to fill, not a file's
                problems.append(
                    Problem(
                        doc.file,
                        doc.line(("memberships", i, "ccode")),
                        _("unknown key {key}").format(key=f"'memberships.{i}.ccode'"),
                        _(
                            "name the state by its actor id or ISO3 code; ujym looks up its COW code"
                        ),
                    )
                )
                item = {k: v for k, v in item.items() if k != "ccode"}
            collect(
                memberships, b.make(Membership, doc, ("memberships", i), item, organisation=oid)
            )
    for doc in each("documents"):
        collect(documents, b.make(Document, doc, (), doc.data))
    for doc in each("persons"):
        head, parts = _split(doc.data, "assessments")
        person = b.make(Person, doc, (), head)
        collect(persons, person)
        pid = person.id if person else str(head.get("id", "?"))
        for i, item in _items(doc, "assessments", parts["assessments"], problems):
            collect(assessments, b.make(Assessment, doc, ("assessments", i), item, person=pid))
    for doc in each("claims"):
        collect(claims, b.make(Claim, doc, (), _claim_blocks(doc, problems)))
    for doc in each("regularities"):
        collect(regularities, b.make(Regularity, doc, (), doc.data))

    beside = root / article.file if article is not None else None  # a text the casebook holds
    seed_text = _seed(seed if seed or beside is None or not beside.is_file() else beside, report)
    _cross_check(b.built, b.declared, article, seed_text, problems)
    state_codes = _membership_states(b.built, b.declared, problems)
    _check_periods(_index(b.built)(Membership), problems)
    if checks is not None:
        article_id = article.id if article is not None else SEED_ARTICLE
        registry = checks() if callable(checks) else checks
        _check_functions(_index(b.built)(Claim), registry, problems, article_id)
    problems.sort(key=lambda p: (p.file, p.line or 0))
    if not problems and article is not None:
        claims.sort(key=lambda c: c.number)
        report.casebook = Casebook(
            article=article,
            sources=tuple(sources),
            actors=tuple(actors),
            memberships=tuple(
                m.model_copy(update={"ccode": state_codes.get(m.actor)}) for m in memberships
            ),
            statements=tuple(statements),
            documents=tuple(documents),
            persons=tuple(persons),
            assessments=tuple(assessments),
            forces=tuple(forces),
            contributions=tuple(contributions),
            claims=tuple(claims),
            regularities=tuple(sorted(regularities, key=lambda r: r.number)),
            references=tuple(sorted(references, key=lambda r: r.number)),
        )
    return report


def _seed(seed: Path | str | None, report: ValidationReport) -> SeedText | None:
    path = find_seed(seed)
    if path is None:
        report.notes.append(
            _(
                "seed article not given: line ranges checked against the recorded line count "
                "only (pass --seed FILE to check each claim's key words in the text)"
            )
        )
        return None
    return read_seed(path)


SAFE_LINK_SCHEMES = ("http", "https", "mailto")
"""The only link schemes a casebook may hold (a page renders them as links)."""


def is_safe_link(url: str) -> bool:
    """Whether ``url`` is an absolute http, https or mailto address (no script, file or data URL).

    >>> is_safe_link("https://odkb-csto.org/"), is_safe_link(" JavaScript:alert(1)")
    (True, False)
    """
    text = "".join(ch for ch in url if ch.isprintable() and not ch.isspace())
    scheme, sep, rest = text.partition(":")
    if not sep or not rest or scheme.lower() not in SAFE_LINK_SCHEMES:
        return False
    if scheme.lower() == "mailto":
        return "@" in rest
    return rest.startswith("//") and len(rest) > 2 and url == url.strip() and text == url


def _cross_check(
    built: list[_Built],
    declared: dict[str, set[str]],
    article: ArticleRecord | None,
    seed: SeedText | None,
    problems: list[Problem],
) -> None:
    def add(item: _Built, path: Path_, message: str, fix: str) -> None:
        problems.append(Problem(item.doc.file, item.doc.line((*item.base, *path)), message, fix))

    of = _index(built)
    # ids declared by files that failed to validate count as known, so one bad file does not
    # cascade into "unknown actor" problems everywhere else
    actor_ids = {i.value.id for i in of(Actor)} | declared["actor"]
    org_ids = {i.value.id for i in of(Actor) if i.value.kind is not ActorKind.STATE}
    org_ids |= declared["organisation"]
    claim_ids = {i.value.id for i in of(Claim)}
    source_ids = {i.value.id for i in of(Source)} | {ARTICLE}
    ref_numbers = {i.value.number for i in of(ReferenceMarker)}
    line_count = article.line_count if article else None

    for kind, key in (
        (Actor, "id"),
        (Source, "id"),
        (Document, "id"),
        (Person, "id"),
        (Claim, "id"),
        (ReferenceMarker, "number"),
        (Regularity, "number"),
    ):
        seen: dict[Any, _Built] = {}
        for item in of(kind):
            k = getattr(item.value, key)
            if k in seen:
                add(
                    item,
                    (key,),
                    _("duplicate {key} {value!r} (also in {file})").format(
                        key=key, value=k, file=seen[k].doc.file
                    ),
                    _("give each entity its own id"),
                )
            seen[k] = item
    for item in of(Source):
        url = item.value.url
        if url is not None and not is_safe_link(url):
            add(
                item,
                ("url",),
                _("the link {url} is not an http, https or mailto address").format(
                    url=repr(url[:60])
                ),
                _("give the web address (https://…) of the source, or remove the url"),
            )
    if article and article.source.id != ARTICLE:
        problems.append(
            Problem(
                "article.yaml",
                1,
                _("the article's source id must be 'article'"),
                _("set source.id: article"),
            )
        )
    if article and article.subject not in actor_ids:
        problems.append(
            Problem(
                "article.yaml",
                None,
                _("subject {subject} is not an organisation of the casebook").format(
                    subject=repr(article.subject)
                ),
                _("set subject: to the id of a file under organisations/ (e.g. CSTO)"),
            )
        )
    if article:
        for code in article.members_covered:
            if code not in actor_ids:
                problems.append(
                    Problem(
                        "article.yaml",
                        None,
                        _("unknown member {code}").format(code=repr(code)),
                        _("add actors/<ISO3>.yaml or fix the code"),
                    )
                )

    def need(item: _Built, path: Path_, ids: Iterable[str], known: set[str], what: str) -> None:
        for j, code in enumerate(ids):
            if code not in known:
                add(
                    item,
                    (*path, j) if not isinstance(ids, str) else path,
                    _(_UNKNOWN_ID[what]).format(code=code),
                    _("use an id defined in the casebook"),
                )

    for item in built:
        v = item.value
        if isinstance(v, Actor):
            if v.parent and v.parent not in org_ids:
                add(
                    item,
                    ("parent",),
                    _("unknown organisation {code!r}").format(code=v.parent),
                    _("use an id defined in the casebook"),
                )
            if v.kind is ActorKind.STATE and v.codes is None:
                add(item, ("codes",), "a state needs codes", "add codes: {iso3, ccode, m49}")
            if v.codes is not None:
                _check_codes(item, add)
        elif isinstance(v, Statement):
            need(item, ("about",), v.about, actor_ids, "actor")
        elif isinstance(v, Membership):  # its actor: see _membership_states
            need(item, ("organisation",), [v.organisation], org_ids, "organisation")
        elif isinstance(v, Contribution):
            need(item, ("to",), [v.to], org_ids, "organisation")
        elif isinstance(v, Document):
            need(item, ("actor",), [v.actor], actor_ids, "actor")
        elif isinstance(v, Assessment):
            need(item, ("about",), v.about, actor_ids, "actor")
        elif isinstance(v, Claim):
            need(item, ("subjects",), v.subjects, actor_ids, "actor")
        elif isinstance(v, Regularity):
            need(item, ("claims",), v.claims, claim_ids, "claim")
        for path, cite in _citations(v):
            if cite.source not in source_ids:
                add(
                    item,
                    (*path, "source"),
                    _("unknown source {code!r}").format(code=cite.source),
                    _("add `sources/<id>.yaml` or use `source: article`"),
                )
            for n in cite.refs:
                if n not in ref_numbers:
                    add(
                        item,
                        (*path, "refs"),
                        _("unknown reference marker [{n}]").format(n=n),
                        _("use a marker defined in `references/`"),
                    )
            for rng in cite.lines:
                if line_count and rng.end > line_count:
                    add(
                        item,
                        (*path, "lines"),
                        _(
                            "seed line range {lines} does not exist (the article has {n} lines)"
                        ).format(lines=rng, n=line_count),
                        _("cite lines inside the article"),
                    )
        for path, text in _kazakh_texts(v):
            if has_latin_schwa(text):
                add(
                    item,
                    path,
                    _("Latin ə in Kazakh text"),
                    _("write Cyrillic ә (U+04D9) / Ә (U+04D8)"),
                )

    if seed is not None and article is not None:
        if seed.sha256 != article.sha256:
            problems.append(
                Problem(
                    "article.yaml",
                    None,
                    _(
                        "the seed file {path} is not the article the casebook cites "
                        "(sha256 differs)"
                    ).format(path=seed.path),
                    _("pass the original seed file"),
                )
            )
            return
        for item in of(Claim):
            claim: Claim = item.value
            text = " ".join(
                seed.span(r) for r in claim.cite.lines if r.end <= seed.line_count
            ).casefold()
            for j, word in enumerate(claim.keywords):
                if word.casefold() not in text:
                    add(
                        item,
                        ("keywords", j),
                        _("key word {word!r} is not in the cited lines {lines}").format(
                            word=word, lines=", ".join(str(r) for r in claim.cite.lines)
                        ),
                        _("fix the line range or the key word"),
                    )


def _claim_blocks(doc: _Doc, problems: list[Problem]) -> dict[str, Any]:
    """A claim's data, after checking it has exactly one of ``check:`` and ``not_testable:``."""
    data: dict[str, Any] = doc.data
    if "check" in data and "not_testable" in data:
        problems.append(
            Problem(
                doc.file,
                doc.line(("not_testable",)),
                _("a claim has either a check: or a not_testable: block, not both"),
                _("keep check: when ujym tests the claim, not_testable: when it does not"),
            )
        )
        return {k: v for k, v in data.items() if k != "not_testable"}
    if "check" not in data and "not_testable" not in data:
        problems.append(
            Problem(
                doc.file,
                doc.line(("id",)),
                _("claim {id} has neither a check: nor a not_testable: block").format(
                    id=data.get("id", "?")
                ),
                _(
                    "add check: (how ujym tests it) or not_testable: (why it does not); "
                    "see docs/casebook.md"
                ),
            )
        )
    return data


def _check_functions(
    claims: list[_Built], checks: Mapping[str, str], problems: list[Problem], article: str
) -> None:
    """Each claim's block against the registered check functions (``checks``: id → name).

    ``checks`` also holds the generic check methods by name (``capability-rank``); a block
    naming a method needs no function of its own.
    """
    for item in claims:
        claim: Claim = item.value
        if claim.check is not None and claim.check.method is not None:
            if claim.check.method not in checks:
                methods = sorted(k for k in checks if not CLAIM_ID.match(k) and ":" not in k)
                problems.append(
                    Problem(
                        item.doc.file,
                        item.doc.line((*item.base, "check", "method")),
                        _(
                            "claim {id} names the check method {method}, which ujym does not have"
                        ).format(id=claim.id, method=repr(claim.check.method)),
                        _("use one of: {methods} (docs/checks.md)").format(
                            methods=", ".join(methods) or "—"
                        ),
                    )
                )
            continue
        key = claim_key(article, claim.id)
        qualified = "" if key == claim.id else f", article={article!r}"
        if claim.check is not None and key not in checks:
            problems.append(
                Problem(
                    item.doc.file,
                    item.doc.line((*item.base, "check")),
                    _("claim {id} has a check: block but no check function is registered").format(
                        id=claim.id
                    ),
                    _(
                        "decorate a function with {decorator} in a module of ujym.engines.checks "
                        "(docs/checks.md), or write a not_testable: block"
                    ).format(decorator=f"@check({claim.id!r}{qualified}, datasets=...)"),
                )
            )
        elif claim.check is None and key in checks:
            problems.append(
                Problem(
                    item.doc.file,
                    item.doc.line((*item.base, "not_testable")),
                    _(
                        "a check function is registered for {id} ({function}) but the claim has "
                        "no check: block"
                    ).format(id=claim.id, function=checks[key]),
                    _("replace the not_testable: block by a check: block (docs/checks.md)"),
                )
            )


def _index(built: list[_Built]) -> Callable[[type], list[_Built]]:
    def of(kind: type) -> list[_Built]:
        return [b for b in built if type(b.value) is kind]

    return of


def _citations(value: BaseModel) -> Iterator[tuple[Path_, Citation]]:
    for name in type(value).model_fields:
        attr = getattr(value, name)
        if isinstance(attr, Citation):
            yield (name,), attr
        elif isinstance(attr, ArticleRecord | Source | MembershipRecord):
            yield from (((name, *p), c) for p, c in _citations(attr))


def _kazakh_texts(value: BaseModel) -> Iterator[tuple[Path_, str]]:
    for name in type(value).model_fields:
        attr = getattr(value, name)
        if isinstance(attr, BaseModel):
            if isinstance(attr, Names):
                yield (name, "kk"), attr.kk
            else:
                yield from (((name, *p), t) for p, t in _kazakh_texts(attr))
        elif name in ("as_printed", "quote_as_printed", "affiliation_as_printed") and attr:
            yield (name,), str(attr)
        elif name == "aliases" or name == "keywords":
            yield from (((name, i), a) for i, a in enumerate(attr))


def _membership_states(
    built: list[_Built], declared: dict[str, set[str]], problems: list[Problem]
) -> dict[str, int]:
    """The COW code of every state a membership row names; a problem for each unknown name.

    A row names a casebook actor (its id) or a state the article does not discuss by its ISO3
    code alone, resolved through the country-code crosswalk (``countries.csv``).
    """
    from ujym.sources.codes import load_countries  # needs polars; see _check_codes

    of = _index(built)
    actors = {i.value.id: i.value for i in of(Actor)}
    by_iso3 = {c.iso3: c.ccode for c in load_countries()}
    codes: dict[str, int] = {}
    for item in of(Membership):
        name = item.value.actor
        actor = actors.get(name)
        if actor is not None:
            if actor.codes is not None:
                codes[name] = actor.codes.ccode
            continue
        if name in by_iso3:
            codes[name] = by_iso3[name]
        elif name not in declared["actor"]:  # an unreadable actor file was reported already
            problems.append(
                Problem(
                    item.doc.file,
                    item.doc.line((*item.base, "actor")),
                    _("unknown actor {name}").format(name=repr(name)),
                    _(
                        "use an id defined in the casebook (actors) or a state's ISO3 code from "
                        "the crosswalk (`ujym data codes`)"
                    ),
                )
            )
    return codes


_EXITS = (MembershipStatus.SUSPENDED, MembershipStatus.WITHDRAWN)


def _check_periods(rows: list[_Built], problems: list[Problem]) -> None:
    """One state's periods in one organisation: no shared day, and no exit before an accession.

    Periods run from their first to their last day, so a status that follows another starts on a
    later day. Partial dates (a month, a year) overlap only when they certainly do: the next
    period's latest possible start is no later than the earlier one's earliest possible end.
    A ``suspended`` or ``withdrawn`` period needs a period of membership, observer or partner
    status that starts no later (an exit before an accession is a problem).
    """
    by_state: dict[tuple[str, str], list[_Built]] = {}
    for item in rows:
        by_state.setdefault((item.value.organisation, item.value.actor), []).append(item)

    def begins(item: _Built) -> date:
        start = item.value.period.start
        return start.earliest() if start is not None else date.min

    for (org, state), items in by_state.items():
        items.sort(key=begins)
        for earlier, later in itertools.combinations(items, 2):
            a, b = earlier.value.period, later.value.period
            b_start = b.start.latest() if b.start is not None else date.min
            a_end = a.end.earliest() if a.end is not None else date.max
            if b_start <= a_end:
                problems.append(
                    Problem(
                        later.doc.file,
                        later.doc.line((*later.base, "period")),
                        _(
                            "{state}'s {status} period in {org} ({period}) overlaps its "
                            "{earlier_status} period ({earlier_period}, line {line})"
                        ).format(
                            state=state,
                            status=_(later.value.status.value),
                            org=org,
                            period=b,
                            earlier_status=_(earlier.value.status.value),
                            earlier_period=a,
                            line=earlier.doc.line((*earlier.base, "period")),
                        ),
                        _("end the earlier period the day before the next one starts"),
                    )
                )
        joined = [i for i in items if i.value.status not in _EXITS]
        for item in items:
            if item.value.status not in _EXITS:
                continue
            if not any(begins(m) <= begins(item) for m in joined):
                problems.append(
                    Problem(
                        item.doc.file,
                        item.doc.line((*item.base, "period")),
                        _("{state} is {status} from {start} in {org} before it joined").format(
                            state=state,
                            status=_(item.value.status.value),
                            org=org,
                            start=item.value.period.start or "…",
                        ),
                        _("add the member period it follows, or fix the dates"),
                    )
                )


def _check_codes(item: _Built, add: Callable[[_Built, Path_, str, str], None]) -> None:
    # imported here, not at the top: the crosswalk needs polars, and `import ujym` (which loads
    # the casebook) stays free of it (tests/test_api.py::test_import_is_light)
    from ujym.sources.codes import resolve_state

    codes = item.value.codes
    try:
        country = resolve_state(codes.iso3)
    except UjymError:
        add(
            item,
            ("codes", "iso3"),
            f"ISO3 code {codes.iso3!r} is not in the crosswalk",
            "use an ISO 3166-1 alpha-3 code",
        )
        return
    if country.ccode != codes.ccode:
        add(
            item,
            ("codes", "ccode"),
            f"COW code {codes.ccode} disagrees with the crosswalk ({country.ccode})",
            "fix the code",
        )
    if country.m49 is not None and country.m49 != codes.m49:
        add(
            item,
            ("codes", "m49"),
            f"M49 code {codes.m49} disagrees with the crosswalk ({country.m49})",
            "fix the code",
        )


# ---- loading ----------------------------------------------------------------------------------


def load_casebook(
    directory: Path | str | None = None,
    *,
    seed: Path | str | None = None,
    checks: Mapping[str, str] | None = None,
) -> Casebook:
    """Load and validate a casebook (default: :func:`casebook_dir`, the packaged one unless
    ``ujym --casebook DIR`` or ``UJYM_CASEBOOK`` names another).

    ``checks`` (claim id → check function name) also validates the claims' ``check:`` blocks
    against the registered check functions (see :func:`validate_casebook`).

    Raises :class:`CasebookError` listing every problem when it does not validate.
    """
    if directory is None and seed is None and checks is None:
        chosen = casebook_dir()
        if chosen == default_casebook_dir():
            return _load_default()
        return _load_folder(chosen.resolve(), _signature(chosen))
    report = validate_casebook(directory, seed=seed, checks=checks)
    if report.problems or report.casebook is None:
        raise CasebookError(report.problems or [Problem("article.yaml", None, "missing", "add it")])
    return report.casebook


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Every YAML file of ``folder`` with its change time and size (a changed file: a new load)."""
    files = sorted(folder.rglob("*.yaml")) if folder.is_dir() else []
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)


@lru_cache(maxsize=4)
def _load_folder(folder: Path, signature: tuple[tuple[str, int, int], ...]) -> Casebook:
    report = validate_casebook(folder)
    if report.problems or report.casebook is None:
        raise CasebookError(report.problems or [Problem("article.yaml", None, "missing", "add it")])
    return report.casebook


@lru_cache(maxsize=1)
def _load_default() -> Casebook:
    report = validate_casebook(default_casebook_dir(), seed=None)
    if report.problems or report.casebook is None:
        raise CasebookError(report.problems or [Problem("article.yaml", None, "missing", "add it")])
    return report.casebook
