"""ujym (Kazakh «ұжым», "collective"): open analysis of collective-security alliances.

Start with the casebook of the article on the CSTO:

>>> import ujym
>>> cb = ujym.load_casebook()
>>> cb.actor("KAZ").short.en
'Kazakhstan'
>>> len(cb.claims)
47
>>> cb.memberships_frame().columns[:3].tolist()
['actor', 'ccode', 'organisation']

Everything a researcher calls from Jupyter is here, at the top level (docs/api.md walks through
it on real data):

- data: ``import_file``, ``pull``, ``status``, ``read_votes``, ``load_vote_matrix``,
  ``build_vote_matrix``, ``search_countries``, ``load_scenario``;
- states and groups: ``resolve_state`` (a :class:`~ujym.sources.codes.Country`),
  ``resolve_group`` (a :class:`~ujym.core.groups.Group`: members by date), ``known_groups``,
  ``parse_spec`` (``"KAZ,RUS"``, ``"CSTO"``, mixed lists), ``EU_CORE``;
- provenance of every frame: ``provenance_of``, ``attach``, ``Provenance``, ``Unit``,
  ``DatasetRef``;
- dyad-years: ``create_dyad_years`` → ``add_alignment`` (UN voting alignment of each dyad),
  ``alignment_series``, ``alignment_profile``, ``alignment_panel``, ``multivector_series``;
  ``add_contiguity``, ``add_minimum_distance``, ``add_mids``, ``add_rivalries``,
  ``add_shared_igos`` (peace-science covariates);
- groups: ``group_cohesion``, ``group_capabilities``;
- state-years: ``create_state_years`` → ``add_capabilities``, ``add_memberships``, ``add_igos``,
  ``add_state_alignment``, ``add_ideal_points``, ``add_trade``, ``add_gdp``,
  ``add_armed_conflicts``, ``add_leaders``; ``actor_memberships``;
- models: ``estimate_ideal_points``, ``simulate_bargaining``, ``check_claims``;
- measures on arrays: ``agreement``, ``s_score``, ``kappa``, ``pi``, ``agreement_index``,
  ``mean_pairwise_kappa``, ``multivector_index``, ``capability_shares``, ``concentration``,
  ``outside_ties``.

Two verbs share the name ``add_alignment`` in their own modules: ``ujym.add_alignment`` is the
dyad one (:func:`ujym.pipeline.dyads.add_alignment`, for frames from ``create_dyad_years``);
the state-year one (:func:`ujym.pipeline.state_alignment.add_alignment`, each state's alignment
with chosen partners, for frames from ``create_state_years``) is ``ujym.add_state_alignment``.

``import ujym`` loads nothing else: the module behind each name (the casebook's models, pandas,
polars, numpy, the engines) is imported on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ujym.core import (
        Actor,
        ActorKind,
        Casebook,
        Citation,
        Claim,
        ClaimStatus,
        EvidenceKind,
        LineRange,
        Membership,
        MembershipStatus,
        Names,
        PartialDate,
        Period,
        UjymError,
    )
    from ujym.sources.casebook import CasebookError, load_casebook, validate_casebook


__version__ = "0.1.0"

# public name -> "module" (the module's attribute of that name) or "module:attribute";
# imported lazily by __getattr__ (keeps `import ujym` fast and free of pandas/polars/numpy).
_LAZY: dict[str, str] = {
    # the casebook and its typed values
    **{
        name: "ujym.core"
        for name in (
            "Actor",
            "ActorKind",
            "Casebook",
            "Citation",
            "Claim",
            "ClaimStatus",
            "EvidenceKind",
            "LineRange",
            "Membership",
            "MembershipStatus",
            "Names",
            "PartialDate",
            "Period",
            "UjymError",
        )
    },
    "CasebookError": "ujym.sources.casebook",
    "load_casebook": "ujym.sources.casebook",
    "validate_casebook": "ujym.sources.casebook",
    # sources: the cache, publishers' files, codes, scenarios
    "import_file": "ujym.sources.datasets",
    "pull": "ujym.sources.datasets",
    "status": "ujym.sources.datasets",
    "read_votes": "ujym.sources.unga",
    "load_vote_matrix": "ujym.sources.votematrix",
    "build_vote_matrix": "ujym.sources.votematrix",
    "resolve_state": "ujym.sources.codes",
    "search_countries": "ujym.sources.codes",
    "load_scenario": "ujym.sources.scenarios",
    "resolve_group": "ujym.sources.groups",
    "known_groups": "ujym.sources.groups",
    "parse_spec": "ujym.sources.groups",
    # core: groups and the provenance every frame carries
    "EU_CORE": "ujym.core.groups",
    "Provenance": "ujym.core.provenance",
    "Unit": "ujym.core.provenance",
    "DatasetRef": "ujym.core.provenance",
    "attach": "ujym.core.provenance",
    "provenance_of": "ujym.core.provenance",
    # engines: measures on arrays and frames
    "MEASURES": "ujym.engines.alignment",
    "agreement": "ujym.engines.alignment",
    "s_score": "ujym.engines.alignment",
    "kappa": "ujym.engines.alignment",
    "pi": "ujym.engines.alignment",
    "agreement_index": "ujym.engines.cohesion",
    "mean_pairwise_kappa": "ujym.engines.cohesion",
    "multivector_index": "ujym.engines.multivector",
    "capability_shares": "ujym.engines.capabilities",
    "concentration": "ujym.engines.capabilities",
    "outside_ties": "ujym.engines.overlap",
    "ModelOptions": "ujym.engines.bargaining",
    "IdealSettings": "ujym.engines.ideal",
    # pipeline: the verbs
    "create_dyad_years": "ujym.pipeline.dyads",
    "add_alignment": "ujym.pipeline.dyads",
    "alignment_panel": "ujym.pipeline.dyads",
    "alignment_series": "ujym.pipeline.dyads",
    "alignment_profile": "ujym.pipeline.dyads",
    "multivector_series": "ujym.pipeline.dyads",
    "group_cohesion": "ujym.pipeline.cohesion",
    "create_state_years": "ujym.pipeline.state_years",
    "add_state_alignment": "ujym.pipeline.state_alignment:add_alignment",
    "add_capabilities": "ujym.pipeline.capabilities",
    "group_capabilities": "ujym.pipeline.capabilities",
    "add_memberships": "ujym.pipeline.memberships",
    "actor_memberships": "ujym.pipeline.memberships",
    "add_igos": "ujym.pipeline.igos",
    "add_trade": "ujym.pipeline.trade",
    "add_gdp": "ujym.pipeline.gdp",
    "add_armed_conflicts": "ujym.pipeline.conflicts",
    "add_leaders": "ujym.pipeline.leaders",
    "add_contiguity": "ujym.pipeline.contiguity",
    "add_minimum_distance": "ujym.pipeline.distance",
    "add_mids": "ujym.pipeline.mids",
    "add_rivalries": "ujym.pipeline.rivalries",
    "add_shared_igos": "ujym.pipeline.igo_dyads",
    "estimate_ideal_points": "ujym.pipeline.ideal",
    "add_ideal_points": "ujym.pipeline.ideal",
    "simulate_bargaining": "ujym.pipeline.bargaining",
    "check_claims": "ujym.pipeline.checks",
    "claim_verdicts": "ujym.pipeline.checks",
}


def __getattr__(name: str) -> Any:
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'ujym' has no attribute {name!r}")
    module, _, attribute = target.partition(":")
    value = getattr(importlib.import_module(module), attribute or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


__all__ = [
    "Actor",
    "ActorKind",
    "Casebook",
    "CasebookError",
    "Citation",
    "Claim",
    "ClaimStatus",
    "EvidenceKind",
    "LineRange",
    "Membership",
    "MembershipStatus",
    "Names",
    "PartialDate",
    "Period",
    "UjymError",
    "__version__",
    "load_casebook",
    "validate_casebook",
]
__all__ += [name for name in _LAZY if name not in __all__]
