"""The words of a bargaining forecast in the reader's language: a plain-language reading of what
drives the result, and labels for the model's codes (inputs, offers, stop reasons, evidence).

Every figure in the reading comes from the result (:class:`ujym.pipeline.bargaining.
BargainingResult`): the decider and what would change it are computed by the model
(:mod:`ujym.engines.bargaining.explain`), the rest by the run with the stated inputs and the Monte
Carlo sweep. ``ujym forecast`` prints the same sentences the report shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ujym.core.scenarios import Evidence, Scenario
from ujym.i18n import N_, _, format_number, format_percent

if TYPE_CHECKING:
    from ujym.engines.bargaining import ModelOptions
    from ujym.pipeline.bargaining import BargainingResult

INPUTS = {"position": N_("position"), "capability": N_("capability"), "salience": N_("salience")}
OFFERS = {
    "none": N_("no offer"),
    "conflict": N_("conflict"),
    "compromise": N_("compromise"),
    "capitulation": N_("capitulation"),
}
STOPS = {
    "rounds": N_("the set number of rounds ran"),
    "fixed point": N_("fixed point"),
    "cycle": N_("cycle"),
    "round cap": N_("round cap"),
}
EVIDENCE = {
    "article": N_("article"),
    "casebook": N_("casebook"),
    "dataset": N_("dataset"),
    "source": N_("source"),
}


def label(codes: Mapping[str, str], code: str) -> str:
    """A model code (input, offer, stop reason, evidence kind) in the current language."""
    return _(codes[code]) if code in codes else code


def evidence_label(ev: Evidence) -> str:
    """One piece of evidence in the current language (dataset ids and article lines as codes).

    >>> evidence_label(Evidence("article", "L92–97 [8]"))
    'article: L92–97 [8]'
    """
    text = ev.label
    if ev.kind == "dataset":
        text = text.replace(", variable ", ", " + _("variable") + " ").replace(
            ", year ", ", " + _("year") + " "
        )
    return f"{label(EVIDENCE, ev.kind)}: {text}"


def evidence_labels(sc: Scenario) -> list[str]:
    """The scenario's distinct evidence, in order of first use, in the current language."""
    seen: dict[str, None] = {}
    for ev in sc.evidence:
        seen.setdefault(evidence_label(ev), None)
    for a in sc.actors:
        for f in ("position", "capability", "salience"):
            for ev in getattr(a, f).evidence:
                seen.setdefault(evidence_label(ev), None)
    return list(seen)


def preset_name(options: ModelOptions) -> str | None:
    """The preset ``options`` follow (stopping rule, rounds and kernel aside), or ``None``."""
    from ujym.engines.bargaining import PRESETS

    for name, p in PRESETS.items():
        same = options.with_(
            stopping=p.stopping, rounds=p.rounds, max_rounds=p.max_rounds, kernel=p.kernel
        )
        if same == p:
            return name
    return None


def model_line(options: ModelOptions) -> str:
    """The model's settings in the current language."""
    stopping = (
        _("{rounds} rounds").format(rounds=options.rounds)
        if options.stopping == "rounds"
        else _("until nothing moves (at most {rounds} rounds)").format(rounds=options.max_rounds)
    )
    conflict = (
        _("the loser of a conflict moves")
        if options.conflict == "loser_moves"
        else _("a conflict moves nobody")
    )
    return _("Q = {q}; stopping: {stopping}; {conflict}; reading: {preset}").format(
        q=format_number(options.q),
        stopping=stopping,
        conflict=conflict,
        preset=preset_name(options) or _("own options"),
    )


def _n(value: float) -> str:
    return format_number(value, 1)


def reading(result: BargainingResult, names: Mapping[str, str]) -> list[str]:
    """Plain-language sentences on what drives the forecast (current language).

    ``names``: actor id → the name to print.
    """
    sc, s, d = result.scenario, result.summary, result.decider
    out: list[str] = []
    if d is not None:
        who = names.get(sc.ids[d.actor], sc.ids[d.actor])
        out.append(
            _(
                "{actor} alone decides the outcome: the forecast is {actor}'s starting position, "
                "{outcome}, and it stays there when every other actor starts at the low end of the "
                "scale ({low}) or at the high end ({high})."
            ).format(
                actor=who,
                outcome=_n(d.outcome),
                low=_n(d.others_at_ends[0]),
                high=_n(d.others_at_ends[1]),
            )
        )
        if d.capability_factor is not None and d.share_needed is not None:
            out.append(
                _(
                    "No position the others take changes it. Their capabilities would all have "
                    "to be {factor} times larger: {actor}'s share of capability would fall from "
                    "{share} to {needed}, and the forecast would become {changed} (computed with "
                    "the model)."
                ).format(
                    factor=format_number(d.capability_factor, 2),
                    actor=who,
                    share=format_percent(d.share),
                    needed=format_percent(d.share_needed),
                    changed=_n(d.changed_to if d.changed_to is not None else d.outcome),
                )
            )
        else:
            out.append(
                _(
                    "No position the others take changes it, and neither do capabilities a "
                    "million times larger."
                )
            )
        if d.salience_needed is not None:
            out.append(
                _(
                    "Or {actor}'s salience would have to fall from {salience} to {needed}; the "
                    "forecast would then be {changed}."
                ).format(
                    actor=who,
                    salience=format_number(d.salience, 2),
                    needed=format_number(d.salience_needed, 3),
                    changed=_n(d.salience_changed_to if d.salience_changed_to is not None else 0),
                )
            )
        else:
            out.append(
                _("Lowering {actor}'s salience to 0 does not move it either.").format(actor=who)
            )
    else:
        out.append(
            _(
                "No single actor decides the outcome: the forecast is not one actor's starting "
                "position held whatever the others do."
            )
        )
    moves = result.moves
    if moves is not None and len(moves):
        counts = moves["offer"].value_counts()
        out.append(
            _(
                "With the stated inputs {actors} actors moved over {rounds} rounds, accepting "
                "{conflict} conflict, {compromise} compromise and {capitulation} capitulation offers."
            ).format(
                actors=moves["actor"].nunique(),
                rounds=moves["round"].nunique(),
                conflict=int(counts.get("conflict", 0)),
                compromise=int(counts.get("compromise", 0)),
                capitulation=int(counts.get("capitulation", 0)),
            )
        )
    else:
        out.append(_("With the stated inputs nobody moves."))
    sens = result.sensitivity
    if not sens.empty and abs(float(sens.iloc[0]["rank_correlation"])) > 0:
        top = sens.iloc[0]
        out.append(
            _(
                "Across the Monte Carlo runs the forecast follows most closely {actor}'s {input} "
                "(rank correlation {r}; from its lowest to its highest tenth the forecast shifts "
                "by {shift})."
            ).format(
                actor=names.get(str(top["actor"]), str(top["actor"])),
                input=label(INPUTS, str(top["input"])),
                r=format_number(float(top["rank_correlation"]), 2),
                shift=_n(float(top["shift"])),
            )
        )
    if s["ranges"]:
        out.append(
            _("{ranges} of {runs} forecasts are ranges: those runs ended in a cycle").format(
                ranges=s["ranges"], runs=s["runs"]
            )
        )
    return out


__all__ = [
    "EVIDENCE",
    "INPUTS",
    "OFFERS",
    "STOPS",
    "evidence_label",
    "evidence_labels",
    "label",
    "model_line",
    "preset_name",
    "reading",
]
