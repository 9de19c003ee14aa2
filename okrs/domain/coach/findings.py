"""What the coach says about a draft: one finding per problem, about one objective, KR or team."""

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """A problem the coach found in an objective, key result or team, with the guide's reason."""

    rule: str
    severity: str
    target: str
    message: str
    reason: str = ""
    suggestion: str = ""
    line: int | None = None
