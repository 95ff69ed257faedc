"""Plotly chart of ideal-point trajectories (one line per state, with its 95 % band)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

# Okabe–Ito colours, then greys: distinguishable with the common colour-vision deficiencies.
PALETTE: tuple[str, ...] = (
    "#D55E00", "#E69F00", "#009E73", "#56B4E9", "#CC79A7", "#F0E442",
    "#0072B2", "#000000", "#999999", "#666666",
)  # fmt: skip


def trajectories_figure(
    ideal: pd.DataFrame,
    states: Sequence[int],
    labels: Mapping[int, str],
    *,
    title: str,
    x_title: str,
    y_title: str,
    band_label: str,
    dashed: Sequence[int] = (),
) -> go.Figure:
    """Lines of ``ideal_point`` by ``year`` for ``states`` (COW codes), labelled by ``labels``.

    Missing estimates (status other than ok/few_votes) leave gaps. ``dashed`` states (the
    comparison states) are drawn dashed. Each state's 95 % interval is a light band.
    """
    fig = go.Figure()
    for k, code in enumerate(states):
        part = ideal[ideal["ccode"] == code].sort_values("year")
        if part.empty:
            continue
        colour = PALETTE[k % len(PALETTE)]
        name = labels.get(code, str(code))
        band = part.dropna(subset=["lower", "upper"])
        if not band.empty:
            fig.add_trace(
                go.Scatter(
                    x=list(band["year"]) + list(band["year"])[::-1],
                    y=list(band["upper"]) + list(band["lower"])[::-1],
                    fill="toself",
                    fillcolor=colour,
                    opacity=0.12,
                    line={"width": 0},
                    hoverinfo="skip",
                    showlegend=False,
                    legendgroup=name,
                    name=f"{name} {band_label}",
                )
            )
        fig.add_trace(
            go.Scatter(
                x=part["year"],
                y=part["ideal_point"],
                mode="lines+markers",
                name=name,
                legendgroup=name,
                line={"color": colour, "dash": "dash" if code in dashed else "solid"},
                marker={"size": 4},
                customdata=part[["session", "n_votes", "status"]].to_numpy(),
                hovertemplate=(
                    f"{name}<br>%{{x}} (session %{{customdata[0]}})<br>%{{y:.2f}}"
                    "<br>n = %{customdata[1]}, %{customdata[2]}<extra></extra>"
                ),
            )
        )
    fig.update_layout(
        title=title, xaxis_title=x_title, yaxis_title=y_title, template="plotly_white"
    )
    return fig


__all__ = ["trajectories_figure"]
