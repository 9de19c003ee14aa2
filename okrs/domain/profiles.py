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


PROFILES = {
    "p-okr": Profile(
        "p-okr", "Professional OKR Guide", 1, 2, 5, None, ScoreScale.TEN, 14, 30, "warning"
    ),
    "okr-institute": Profile(
        "okr-institute", "OKR Institute", 3, 2, 5, 4, ScoreScale.ONE, 7, 30, "info"
    ),
    "scaled-okrs": Profile(
        "scaled-okrs", "Scaled OKRs", 5, 2, 5, None, ScoreScale.ONE, 7, 30, "info"
    ),
}
DEFAULT_PROFILE = "p-okr"


def get_profile(slug: str | None) -> Profile:
    """Return the named profile, the P-OKR one when none is named."""
    return PROFILES[slug or DEFAULT_PROFILE]
