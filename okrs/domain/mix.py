"""The mix of an OKR set: leading and lagging key results, roofshots and moonshots, hypotheses."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

LEADING, LAGGING = "leading", "lagging"

# What people type when they have no hypothesis yet: "TBD", "n/a", "-", "todo", "?", "none".
PLACEHOLDER = re.compile(
    r"(?:t\.?b\.?[dca]\.?|to ?do|n/?a|none|nil|null|tk|xxx+|\.\.\.+|[-–—?.!_*]+|"
    r"to (?:be|come) (?:decided|defined|determined|written|added|confirmed)|later|pending)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class IndicatorMix:
    """How many of an objective's key results are leading, lagging or not marked."""

    leading: int = 0
    lagging: int = 0
    unmarked: int = 0

    def all_lagging(self) -> bool:
        """Return whether every key result is marked lagging (none leading, none unmarked)."""
        return self.lagging > 0 and self.leading == 0 and self.unmarked == 0

    def marked(self) -> int:
        """Return how many key results say which kind of indicator they are."""
        return self.leading + self.lagging

    def label(self) -> str:
        """Return the mix as people read it: "1 leading · 2 lagging", or "" when none is marked."""
        parts = [f"{n} {kind}" for n, kind in ((self.leading, LEADING), (self.lagging, LAGGING))]
        return " · ".join(part for part in parts if not part.startswith("0 "))


def indicator_mix(indicators: Iterable[str | None]) -> IndicatorMix:
    """Count the leading, lagging and unmarked key results among the indicators given."""
    leading = lagging = unmarked = 0
    for indicator in indicators:
        if indicator == LEADING:
            leading += 1
        elif indicator == LAGGING:
            lagging += 1
        else:
            unmarked += 1
    return IndicatorMix(leading, lagging, unmarked)


def is_placeholder(text: str | None) -> bool:
    """Return whether a hypothesis is missing or only a placeholder ("TBD", "n/a", "-", "todo").

    The one rule for it: the coach's missing-hypothesis and health's coverage both read it.
    """
    from okrs.domain.coach.language import words  # the coach's words; it reads this module too
    from okrs.domain.coach.vocabulary import PLACEHOLDERS

    stripped = (text or "").strip().strip("[]()<>\"'").strip()
    if not stripped or PLACEHOLDER.fullmatch(stripped) is not None:
        return True
    found = words(stripped)
    meaning = [w for w in found if len(w) > 2 and w not in PLACEHOLDERS]
    return not meaning and not any(w[0].isdigit() for w in found)


def has_hypothesis(text: str | None) -> bool:
    """Return whether the objective states a real hypothesis, not a placeholder."""
    return not is_placeholder(text)
