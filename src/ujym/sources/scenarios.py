"""Bargaining scenarios: YAML files a user can write, read with line numbers for every error.

A scenario states an issue (kk/ru/en), a position scale with the meaning of each end, and the
actors with position, capability and salience — each with its evidence and, optionally, its
uncertainty. See ``docs/bargaining.md`` for the format; shipped scenarios live in
``ujym/data/scenarios/``.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import yaml

from ujym.core.errors import DataFormatError, UjymError, UnknownCodeError
from ujym.core.names import Names
from ujym.core.provenance import DatasetRef
from ujym.core.scenarios import FIELDS, Evidence, Input, Scenario, ScenarioActor, Uncertainty
from ujym.i18n import _
from ujym.sources import safe_yaml
from ujym.sources.actor_table import is_actor_table, read_actor_table
from ujym.sources.casebook import load_casebook
from ujym.sources.catalog import get_dataset

_DISTS = ("uniform", "normal", "triangular")


class ScenarioError(DataFormatError):
    """A scenario file is malformed or its numbers are impossible."""


class _Casebook(Protocol):
    def actor(self, code: str) -> Any: ...

    def claim(self, claim_id: str) -> Any: ...


# ---- YAML with line numbers --------------------------------------------------------------------
class _Map(dict[str, Any]):
    line: int = 0
    key_lines: dict[str, int]


class _List(list[Any]):
    line: int = 0


def _build(node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        out = _Map()
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        for k, v in node.value:
            key = str(_build(k))
            out[key] = _build(v)
            out.key_lines[key] = k.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = _List(_build(v) for v in node.value)
        seq.line = node.start_mark.line + 1
        return seq
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    return safe_yaml.construct(node)


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, line: int, problem: str, fix: str) -> ScenarioError:
        return ScenarioError(f"{self.path}:{line}: {problem}", fix)

    def line_of(self, obj: Any, key: str | None = None) -> int:
        if key is not None and isinstance(obj, _Map) and key in obj.key_lines:
            return obj.key_lines[key]
        return int(getattr(obj, "line", 0))

    def need(self, obj: Any, key: str, what: str) -> Any:
        if not isinstance(obj, dict) or key not in obj:
            raise self.fail(self.line_of(obj), f"{what} lacks `{key}:`", f"add `{key}:` here")
        return obj[key]

    def names(self, obj: Any, key: str, what: str) -> Names:
        value = self.need(obj, key, what)
        line = self.line_of(obj, key)
        if not isinstance(value, dict) or any(
            not str(value.get(k, "")).strip() for k in ("kk", "ru", "en")
        ):
            raise self.fail(
                line,
                f"`{key}` of {what} needs kk, ru and en text",
                f"write `{key}: {{kk: ..., ru: ..., en: ...}}`",
            )
        return Names(kk=str(value["kk"]), ru=str(value["ru"]), en=str(value["en"]))

    def number(self, obj: Any, key: str, what: str) -> float:
        value = self.need(obj, key, what)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(
                self.line_of(obj, key),
                f"`{key}` of {what} is {value!r}, not a number",
                "write a number",
            )
        return float(value)


def _evidence(
    r: _Reader, items: Any, where: int, what: str, casebook: _Casebook | None
) -> tuple[Evidence, ...]:
    if items is None:
        raise r.fail(
            where,
            f"{what} has no evidence",
            'add `evidence:` with a citation {lines: "a-b", refs: [n]}, a casebook id or a dataset',
        )
    if isinstance(items, dict):
        items = [items]
    out: list[Evidence] = []
    for item in items:
        line = r.line_of(item) or where
        if not isinstance(item, dict):
            raise r.fail(
                line,
                f"evidence of {what} is {item!r}",
                'write a mapping such as {lines: "92-97", refs: [8]}',
            )
        if "lines" in item:
            text = str(item["lines"])
            parts = text.replace("–", "-").split("-")
            if not all(p.strip().isdigit() for p in parts) or len(parts) > 2:
                raise r.fail(
                    line,
                    f"`lines: {text}` is not a line range",
                    'write lines: "92-97" (lines of the seed article)',
                )
            refs = item.get("refs", []) or []
            label = "L" + "–".join(p.strip() for p in parts) + "".join(f" [{n}]" for n in refs)
            out.append(Evidence("article", label, item.get("note")))
        elif "casebook" in item:
            ref = str(item["casebook"])
            if casebook is not None:
                is_claim = re.fullmatch(r"[Cc]\d+", ref) is not None
                try:
                    casebook.claim(ref) if is_claim else casebook.actor(ref)
                except UnknownCodeError as exc:
                    raise r.fail(
                        line,
                        f"evidence cites {ref!r}, which the casebook lacks",
                        exc.fix or "use a casebook id",
                    ) from exc
            out.append(Evidence("casebook", ref, item.get("note")))
        elif "dataset" in item:
            try:
                entry = get_dataset(str(item["dataset"]))
            except UnknownCodeError as exc:
                raise r.fail(line, str(exc.problem), exc.fix or "use a catalog dataset id") from exc
            cited = DatasetRef(entry.id, str(item["version"]) if "version" in item else None)
            label = str(cited) + "".join(
                f", {k} {item[k]}" for k in ("variable", "year") if k in item
            )
            out.append(Evidence("dataset", label, item.get("note"), dataset=cited))
        elif "source" in item:
            out.append(Evidence("source", str(item["source"]), item.get("note")))
        elif "judgement" in item:
            # an analyst's coding must still point at evidence
            raise r.fail(
                line,
                f"evidence of {what} is a judgement without a source",
                "add lines/refs, a casebook id or a dataset the judgement rests on",
            )
        else:
            raise r.fail(
                line,
                f"evidence of {what} names no source",
                "use lines: + refs:, casebook:, dataset: or source:",
            )
    return tuple(out)


def _uncertainty(r: _Reader, spec: Any, value: float, line: int, what: str) -> Uncertainty:
    if spec is None:
        return Uncertainty()
    if isinstance(spec, int | float) and not isinstance(spec, bool):
        if spec < 0:
            raise r.fail(
                line, f"± range of {what} is negative", "write a non-negative half-width, e.g. 5"
            )
        return Uncertainty.plus_minus(value, float(spec))
    if isinstance(spec, dict):
        sl = r.line_of(spec) or line
        if "plusminus" in spec:
            return _uncertainty(r, spec["plusminus"], value, sl, what)
        dist = spec.get("dist")
        if dist not in _DISTS:
            raise r.fail(
                sl,
                f"unknown distribution {dist!r} for {what}",
                f"use dist: {', '.join(_DISTS)} or plusminus: N",
            )
        if dist == "normal":
            sd = r.number(spec, "sd", what)
            if sd < 0:
                raise r.fail(sl, f"sd of {what} is negative", "give sd >= 0")
            return Uncertainty("normal", sd=sd)
        low, high = r.number(spec, "low", what), r.number(spec, "high", what)
        if not low <= value <= high and dist == "triangular":
            raise r.fail(
                sl,
                f"triangular range {low}..{high} of {what} excludes the stated value {value}",
                "make low <= value <= high",
            )
        if high < low:
            raise r.fail(sl, f"range {low}..{high} of {what} is reversed", "write low <= high")
        return Uncertainty(dist, low, high)
    raise r.fail(
        line,
        f"uncertainty of {what} is {spec!r}",
        "write a ± half-width (5) or {dist: normal, sd: 2}",
    )


def _input(r: _Reader, actor: Any, key: str, aid: str, casebook: _Casebook | None) -> Input:
    what = f"{key} of {aid}"
    raw = r.need(actor, key, f"actor {aid}")
    line = r.line_of(actor, key)
    if isinstance(raw, dict):
        value = r.number(raw, "value", what)
        evidence = _evidence(r, raw.get("evidence"), line, what, casebook)
        unc = _uncertainty(
            r, raw.get("uncertainty"), value, r.line_of(raw, "uncertainty") or line, what
        )
    else:
        raise r.fail(
            line,
            f"{what} is {raw!r}, without its evidence",
            f"write `{key}: {{value: ..., evidence: [...]}}`",
        )
    return Input(value, evidence, unc, line)


def load_scenario(source: str | Path, casebook: _Casebook | bool | None = True) -> Scenario:
    """Read and validate a scenario: a shipped name (``csto-new-type``) or a YAML file path.

    ``casebook=True`` checks actor ids against the embedded casebook;
    pass a casebook to check against it, or ``False``/``None`` to skip the check.
    Every problem raises :class:`ScenarioError` naming the file, the line and the fix.
    A path ending in ``.csv``, ``.tsv`` or ``.txt`` is read as an actor table
    (:func:`ujym.sources.actor_table.read_actor_table`, one row per actor).
    """
    if is_actor_table(source):
        return read_actor_table(source)
    path = resolve_scenario(source)
    cb = load_casebook() if casebook is True else (casebook or None)
    r = _Reader(path)
    try:
        node = safe_yaml.compose(safe_yaml.read(path))
        doc = _build(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        raise r.fail(
            line,
            f"not valid YAML ({getattr(exc, 'problem', exc)})",
            "fix the indentation or quoting",
        ) from exc
    if node is None:
        raise r.fail(1, "the file is empty", "write a scenario (see docs/bargaining.md)")
    if not isinstance(doc, dict):
        raise r.fail(
            1,
            "a scenario is a mapping",
            "start with `id:`, `title:`, `issue:`, `scale:`, `actors:`",
        )
    sid = str(r.need(doc, "id", "the scenario"))
    title = r.names(doc, "title", "the scenario")
    issue = r.names(doc, "issue", "the scenario")
    scale = r.need(doc, "scale", "the scenario")
    smin, smax = r.number(scale, "min", "the scale"), r.number(scale, "max", "the scale")
    if not smax > smin:
        raise r.fail(
            r.line_of(scale), f"scale max {smax} is not above min {smin}", "write min < max"
        )
    low_means = r.names(scale, "low", "the scale")
    high_means = r.names(scale, "high", "the scale")
    evidence = _evidence(r, doc.get("evidence"), r.line_of(doc, "issue"), "the issue", cb)
    threshold = threshold_means = None
    if "threshold" in doc:
        th = doc["threshold"]
        threshold = r.number(th, "value", "the threshold")
        threshold_means = r.names(th, "means", "the threshold")
        if not smin <= threshold <= smax:
            raise r.fail(
                r.line_of(doc, "threshold"),
                f"threshold {threshold} is outside the scale {smin}..{smax}",
                "put it inside the scale",
            )
    actors_raw = r.need(doc, "actors", "the scenario")
    if not isinstance(actors_raw, list) or len(actors_raw) < 2:
        raise r.fail(
            r.line_of(doc, "actors"),
            "a scenario needs at least two actors",
            "list actors under `actors:`",
        )
    actors: list[ScenarioActor] = []
    seen: dict[str, int] = {}
    for raw in actors_raw:
        aline = r.line_of(raw)
        aid = str(r.need(raw, "id", "an actor")).strip().upper()
        if aid in seen:
            raise r.fail(
                aline,
                f"actor {aid} appears twice (first on line {seen[aid]})",
                "keep one entry per actor",
            )
        seen[aid] = aline
        if cb is not None:
            try:
                cb.actor(aid)
            except UnknownCodeError as exc:
                raise r.fail(
                    r.line_of(raw, "id"),
                    f"actor {aid} is not in the casebook",
                    exc.fix or "use a casebook actor id",
                ) from exc
        pos = _input(r, raw, "position", aid, cb)
        cap = _input(r, raw, "capability", aid, cb)
        sal = _input(r, raw, "salience", aid, cb)
        if not smin <= pos.value <= smax:
            raise r.fail(
                pos.line,
                f"position {pos.value:g} of {aid} is outside the scale {smin:g}..{smax:g}",
                f"give a position between {smin:g} and {smax:g}",
            )
        if cap.value < 0:
            raise r.fail(
                cap.line, f"capability {cap.value:g} of {aid} is negative", "give a capability >= 0"
            )
        if not 0 <= sal.value <= 1:
            raise r.fail(
                sal.line,
                f"salience {sal.value:g} of {aid} is outside [0, 1]",
                "give a salience between 0 and 1 (divide a 0–100 score by 100)",
            )
        actors.append(ScenarioActor(aid, pos, cap, sal, aline, raw.get("note")))
    if sum(a.capability.value for a in actors) <= 0:
        raise r.fail(
            r.line_of(doc, "actors"),
            "total capability is zero",
            "give at least one actor a positive capability",
        )
    notes = tuple(
        r.names({"note": n}, "note", "a note") if isinstance(n, dict) else _same(str(n))
        for n in (doc.get("notes") or [])
    )
    derivations: dict[str, Names] = {}
    raw_derivations = doc.get("derivation") or {}
    if not isinstance(raw_derivations, dict) or set(raw_derivations) - set(FIELDS):
        raise r.fail(
            r.line_of(doc, "derivation"),
            "`derivation` maps inputs to kk/ru/en text",
            "write derivation: {position: {kk: ..., ru: ..., en: ...}, capability: ..., salience: ...}",
        )
    for key in raw_derivations:
        derivations[key] = r.names(raw_derivations, key, "the derivation")
    description = r.names(doc, "description", "the scenario") if "description" in doc else None
    return Scenario(
        sid,
        path,
        title,
        issue,
        smin,
        smax,
        low_means,
        high_means,
        tuple(actors),
        evidence,
        threshold,
        threshold_means,
        notes,
        derivations,
        description,
    )


def _same(text: str) -> Names:
    """A note written in one language, shown as written in every language."""
    return Names(kk=text, ru=text, en=text)


def shipped_scenarios() -> list[str]:
    """Names of the scenarios shipped with ujym."""
    folder = resources.files("ujym") / "data" / "scenarios"
    return sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml"))


def resolve_scenario(source: str | Path) -> Path:
    """A path for a shipped scenario name or a file path; a clear error when neither exists."""
    path = Path(source)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.is_file():
            raise UjymError(
                _("scenario file {path} does not exist").format(path=path),
                _("check the path, or use a shipped name: {names}").format(
                    names=", ".join(shipped_scenarios())
                ),
            )
        return path
    shipped = Path(str(resources.files("ujym") / "data" / "scenarios" / f"{source}.yaml"))
    if shipped.is_file():
        return shipped
    raise UnknownCodeError(
        _("unknown scenario {name!r}").format(name=str(source)),
        _("use a file path or one of: {names}").format(names=", ".join(shipped_scenarios())),
    )


__all__ = [
    "FIELDS",
    "Evidence",
    "Input",
    "Scenario",
    "ScenarioActor",
    "ScenarioError",
    "Uncertainty",
    "load_scenario",
    "resolve_scenario",
    "shipped_scenarios",
]
