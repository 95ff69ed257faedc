"""Test helpers for the ideal-point engine: simulated votes and a fallback real-data vote matrix.

``unvotes_matrix`` builds a :class:`VoteMatrix` from ``../shared/data/unvotes_*.parquet`` with a
small ISO2 → COW table, for use until ``ujym.sources.votematrix`` is available everywhere.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ujym.core.votes import ISSUE_CODES, Vote, VoteMatrix

ISO2_TO_COW: dict[str, int] = {
    "US": 2, "CA": 20, "BS": 31, "CU": 40, "HT": 41, "DO": 42, "JM": 51, "TT": 52, "BB": 53,
    "DM": 54, "GD": 55, "LC": 56, "VC": 57, "AG": 58, "KN": 60, "MX": 70, "BZ": 80, "GT": 90,
    "HN": 91, "SV": 92, "NI": 93, "CR": 94, "PA": 95, "CO": 100, "VE": 101, "GY": 110,
    "SR": 115, "EC": 130, "PE": 135, "BR": 140, "BO": 145, "PY": 150, "CL": 155, "AR": 160,
    "UY": 165, "GB": 200, "IE": 205, "NL": 210, "BE": 211, "LU": 212, "FR": 220, "MC": 221,
    "LI": 223, "CH": 225, "ES": 230, "AD": 232, "PT": 235, "DE": 255, "DD": 265, "PL": 290,
    "AT": 305, "HU": 310, "CS": 315, "CZ": 316, "SK": 317, "IT": 325, "SM": 331, "MT": 338,
    "AL": 339, "ME": 341, "MK": 343, "HR": 344, "YU": 345, "BA": 346, "SI": 349, "GR": 350,
    "CY": 352, "BG": 355, "MD": 359, "RO": 360, "RU": 365, "EE": 366, "LV": 367, "LT": 368,
    "UA": 369, "BY": 370, "AM": 371, "GE": 372, "AZ": 373, "FI": 375, "SE": 380, "NO": 385,
    "DK": 390, "IS": 395, "CV": 402, "ST": 403, "GW": 404, "GQ": 411, "GM": 420, "ML": 432,
    "SN": 433, "BJ": 434, "MR": 435, "NE": 436, "CI": 437, "GN": 438, "BF": 439, "LR": 450,
    "SL": 451, "GH": 452, "TG": 461, "CM": 471, "NG": 475, "GA": 481, "CF": 482, "TD": 483,
    "CG": 484, "CD": 490, "UG": 500, "KE": 501, "TZ": 510, "BI": 516, "RW": 517, "SO": 520,
    "DJ": 522, "ET": 530, "ER": 531, "AO": 540, "MZ": 541, "ZM": 551, "ZW": 552, "MW": 553,
    "ZA": 560, "NA": 565, "LS": 570, "BW": 571, "SZ": 572, "MG": 580, "KM": 581, "MU": 590,
    "SC": 591, "MA": 600, "DZ": 615, "TN": 616, "LY": 620, "SD": 625, "SS": 626, "IR": 630,
    "TR": 640, "IQ": 645, "EG": 651, "SY": 652, "LB": 660, "JO": 663, "IL": 666, "SA": 670,
    "YE": 679, "YD": 680, "KW": 690, "BH": 692, "QA": 694, "AE": 696, "OM": 698, "AF": 700,
    "TM": 701, "TJ": 702, "KG": 703, "UZ": 704, "KZ": 705, "CN": 710, "MN": 712, "TW": 713,
    "KP": 731, "KR": 732, "JP": 740, "IN": 750, "BT": 760, "PK": 770, "BD": 771, "MM": 775,
    "LK": 780, "MV": 781, "NP": 790, "TH": 800, "KH": 811, "LA": 812, "VN": 816, "MY": 820,
    "SG": 830, "BN": 835, "PH": 840, "ID": 850, "TL": 860, "AU": 900, "PG": 910, "NZ": 920,
    "VU": 935, "SB": 940, "KI": 946, "TV": 947, "FJ": 950, "TO": 955, "NR": 970, "MH": 983,
    "PW": 986, "FM": 987, "WS": 990,
}  # fmt: skip
NAME_TO_COW = {"Yemen Arab Republic": 678, "Zanzibar": 511, "Federal Republic of Germany": 260}


def unvotes_frames(data_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    votes = pd.read_parquet(data_dir / "unvotes_votes.parquet")
    rolls = pd.read_parquet(data_dir / "unvotes_roll_calls.parquet")
    issues = pd.read_parquet(data_dir / "unvotes_issues.parquet")
    return votes, rolls, issues


def unvotes_matrix(data_dir: Path) -> tuple[VoteMatrix, pd.DataFrame]:
    """The whole unvotes record as a VoteMatrix (absences unknown: code 0) and the roll calls."""
    votes, rolls, issues = unvotes_frames(data_dir)
    code = votes["country_code"].astype("string").map(ISO2_TO_COW)
    by_name = votes["country"].astype("string").map(NAME_TO_COW)
    ccode = code.fillna(by_name)
    if ccode.isna().any():
        missing = sorted(votes.loc[ccode.isna(), "country"].astype(str).unique())
        raise AssertionError(f"no COW code for {missing}")
    vote = votes["vote"].astype(str).map({"yes": Vote.YES, "abstain": Vote.ABSTAIN, "no": Vote.NO})
    rolls = rolls.sort_values("rcid").reset_index(drop=True)
    rcids = rolls["rcid"].to_numpy(np.int32)
    ccodes = np.sort(ccode.astype(int).unique()).astype(np.int16)
    mat = np.zeros((len(ccodes), len(rcids)), dtype=np.int8)
    r = np.searchsorted(ccodes, ccode.astype(int).to_numpy())
    c = np.searchsorted(rcids, votes["rcid"].to_numpy())
    mat[r, c] = vote.astype(int).to_numpy()
    dates = pd.to_datetime(rolls["date"])
    iss = {
        k: np.isin(rcids, issues.loc[issues["short_name"] == k, "rcid"].to_numpy())
        for k in ISSUE_CODES
    }
    vm = VoteMatrix(
        ccodes=ccodes,
        rcids=rcids,
        votes=mat,
        session=rolls["session"].to_numpy(np.int16),
        year=dates.dt.year.to_numpy(np.int16),
        important=(rolls["importantvote"].fillna(0).to_numpy() == 1),
        issues=iss,
    )
    return vm, rolls


def bsv_exclusions(rolls: pd.DataFrame) -> np.ndarray:
    """Roll calls the published estimates leave out: paragraph and amendment votes after 1989."""
    year = pd.to_datetime(rolls["date"]).dt.year
    para = rolls["para"].fillna(0) == 1
    amend = rolls["amend"].fillna(0) == 1
    return rolls.loc[(year > 1989) & (para | amend), "rcid"].to_numpy()


def simulate_votes(
    n_states: int = 60,
    n_sessions: int = 12,
    items_per_session: int = 40,
    omega: float = 0.3,
    seed: int = 1,
    abstain_share: float = 0.6,
) -> tuple[VoteMatrix, np.ndarray]:
    """Votes simulated from known random-walk ideal points (ordered probit, yes/abstain/no).

    Returns the matrix and the true positions (n_states × n_sessions). State 0 has COW code 2
    (the anchor) and starts high.
    """
    rng = np.random.default_rng(seed)
    x = np.empty((n_states, n_sessions))
    x[:, 0] = rng.standard_normal(n_states)
    x[0, 0] = 2.0
    for t in range(1, n_sessions):
        x[:, t] = x[:, t - 1] + omega * rng.standard_normal(n_states)
    m = n_sessions * items_per_session
    session = np.repeat(np.arange(1, n_sessions + 1), items_per_session)
    beta = rng.choice([-1.0, 1.0], m) * rng.uniform(0.8, 2.5, m)
    cut_lo = rng.normal(0.0, 1.0, m)
    width = np.where(rng.random(m) < abstain_share, rng.uniform(0.3, 1.2, m), 0.0)
    xs = x[:, session - 1]
    z = beta * xs + rng.standard_normal((n_states, m))
    votes = np.where(z < cut_lo, Vote.NO, np.where(z < cut_lo + width, Vote.ABSTAIN, Vote.YES))
    ccodes = np.array([2, *range(100, 100 + n_states - 1)], dtype=np.int16)
    order = np.argsort(ccodes)
    vm = VoteMatrix(
        ccodes=ccodes[order],
        rcids=np.arange(1, m + 1, dtype=np.int32),
        votes=votes[order].astype(np.int8),
        session=session.astype(np.int16),
        year=(1945 + session).astype(np.int16),
        important=np.zeros(m, dtype=bool),
    )
    return vm, x[order]
