"""The practice profiles an organisation picks: P-OKR, OKR Institute, Scaled OKRs."""

from dataclasses import dataclass

from okrs.domain.vocabulary import ScoreScale


@dataclass(frozen=True)
class Profile:
    """What one school of OKR practice asks of teams and the cadence."""

    slug: str
    name: str
    objectives_per_team: int
    min_key_results: int
    max_key_results: int
    preferred_key_results: int | None
    score_scale: ScoreScale
    check_in_days: int
    review_days: int
    individual_okrs: str  # "warning" or "info"
    # P-OKR: one open objective per team at a time, whether annual or quarterly.
    one_objective_across_cadences: bool = False
    # Scaled OKRs: open objectives of the company level as a whole, (fewest, most) per cycle.
    company_objectives: tuple[int, int] | None = None


PROFILES = {
    "p-okr": Profile(
        "p-okr",
        "Professional OKR Guide",
        1,
        2,
        5,
        None,
        ScoreScale.TEN,
        14,
        30,
        "warning",
        one_objective_across_cadences=True,
    ),
    "okr-institute": Profile(
        "okr-institute", "OKR Institute", 3, 2, 5, 4, ScoreScale.ONE, 7, 30, "info"
    ),
    "scaled-okrs": Profile(
        "scaled-okrs",
        "Scaled OKRs",
        5,
        2,
        5,
        None,
        ScoreScale.ONE,
        7,
        30,
        "info",
        company_objectives=(3, 5),
    ),
}
DEFAULT_PROFILE = "p-okr"


def get_profile(slug: str | None) -> Profile:
    """Return the named profile, the P-OKR one when none is named."""
    return PROFILES[slug or DEFAULT_PROFILE]


SCALE_WORDS = {ScoreScale.TEN: "scores from 0 to 10", ScoreScale.ONE: "scores from 0.0 to 1.0"}
INDIVIDUAL_WORDS = {"warning": "individual OKRs warned against", "info": "individual OKRs allowed"}


def _every(days: int) -> str:
    if days == 7:
        return "weekly check-ins"
    if days % 7 == 0:
        return f"check-ins every {days // 7} weeks"
    return f"check-ins every {days} days"


def explain(profile: Profile) -> str:
    """Return one line saying what the profile asks: objectives, key results, scale, cadence."""
    if profile.objectives_per_team == 1:
        objectives = "One objective per team and cycle"
    else:
        objectives = f"Up to {profile.objectives_per_team} objectives per team and cycle"
    key_results = f"{profile.min_key_results}–{profile.max_key_results} key results"
    if profile.preferred_key_results:
        key_results += f" ({profile.preferred_key_results} preferred)"
    parts = [
        objectives,
        key_results,
        SCALE_WORDS[profile.score_scale],
        _every(profile.check_in_days),
        INDIVIDUAL_WORDS[profile.individual_okrs],
    ]
    return ", ".join(parts) + "."
