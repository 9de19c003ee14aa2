"""The practice's fixed words: levels, roles, kinds, directions, states."""

from enum import StrEnum


class Level(StrEnum):
    """The three OKR levels, no more."""

    COMPANY = "company"
    STRATEGIC = "strategic"
    TACTICAL = "tactical"


LEVEL_DEPTH = {Level.COMPANY: 0, Level.STRATEGIC: 1, Level.TACTICAL: 2}


class Ambition(StrEnum):
    """A roofshot is reached at 1.0, a moonshot at 0.7."""

    ROOFSHOT = "roofshot"
    MOONSHOT = "moonshot"


class KeyResultType(StrEnum):
    """A metric moves from start to target; a binary milestone is done or not."""

    METRIC = "metric"
    BINARY = "binary"


class Direction(StrEnum):
    """Which way a key result's value must move, or which bound it must keep."""

    INCREASE = "increase"
    DECREASE = "decrease"
    STAY_ABOVE = "stay-above"
    STAY_BELOW = "stay-below"


class Status(StrEnum):
    """Where progress stands against the expected pace."""

    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"


class ScoreScale(StrEnum):
    """The scale scores are shown on: P-OKR's 0-10 or the OKR Institute's 0.0-1.0."""

    TEN = "0-10"
    ONE = "0-1"


class Lifecycle(StrEnum):
    """Where an objective stands in its life: drafted, pursued, then achieved, closed or dropped."""

    DRAFT = "draft"
    ACTIVE = "active"
    ACHIEVED = "achieved"
    ABANDONED = "abandoned"
    CLOSED = "closed"


class CycleState(StrEnum):
    """A cycle is planned, then active, then closed with its scores frozen."""

    PLANNING = "planning"
    ACTIVE = "active"
    CLOSED = "closed"
