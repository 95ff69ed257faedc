"""The public API at the top of the package: every name resolves, and `import ujym` stays light."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys

import ujym

HEAVY = ("pandas", "polars", "numpy", "scipy", "pyarrow", "matplotlib", "jinja2", "pydantic")


def test_every_public_name_resolves() -> None:
    missing = [name for name in ujym.__all__ if getattr(ujym, name, None) is None]
    assert missing == []
    assert len(set(ujym.__all__)) == len(ujym.__all__)
    assert set(ujym.__all__) <= set(dir(ujym))


def test_lazy_names_point_where_they_are_defined() -> None:
    for name, target in ujym._LAZY.items():
        module, _, attribute = target.partition(":")
        obj = getattr(ujym, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert obj.__module__.startswith(module), (name, obj.__module__)
            assert obj.__name__ == (attribute or name)


def test_the_two_add_alignment_verbs() -> None:
    from ujym.pipeline import dyads, state_alignment

    assert ujym.add_alignment is dyads.add_alignment
    assert ujym.add_state_alignment is state_alignment.add_alignment
    assert "add_state_alignment" in (ujym.__doc__ or "")


def test_the_verbs_a_researcher_uses_are_there() -> None:
    wanted = {
        "create_dyad_years", "add_alignment", "create_state_years", "add_capabilities",
        "add_memberships", "group_cohesion", "estimate_ideal_points", "add_ideal_points",
        "simulate_bargaining", "check_claims", "agreement", "s_score", "kappa", "pi",
        "agreement_index", "mean_pairwise_kappa", "multivector_index", "capability_shares",
        "concentration", "outside_ties", "read_votes", "load_vote_matrix", "build_vote_matrix",
        "import_file", "pull", "status", "resolve_state", "load_casebook",
    }  # fmt: skip
    assert wanted <= set(ujym.__all__)


def test_import_is_light() -> None:
    code = (
        "import json, sys; import ujym; "
        f"print(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules] + "
        "sorted(m for m in sys.modules if m.startswith(('ujym.engines', 'ujym.pipeline')))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(out) == []


def test_unknown_name_is_an_attribute_error() -> None:
    try:
        ujym.no_such_verb  # noqa: B018
    except AttributeError as exc:
        assert "no_such_verb" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("ujym.no_such_verb resolved")
