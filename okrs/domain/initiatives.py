"""Action plans: the initiatives a team believes will move a key result, kept apart from it.

Key results measure outcomes; initiatives are the work. They carry no weight and never count
towards a key result's progress or score.
"""

from urllib.parse import urlsplit

INITIATIVE_STATUSES = ("planned", "doing", "done", "dropped")
# Statuses a check-in may move an initiative to: the work started, or finished.
CHECK_IN_STATUSES = ("doing", "done")
INITIATIVE_TITLE_LIMIT = 300
INITIATIVE_LINK_LIMIT = 500
# The most initiatives one key result holds: an action plan, not a backlog.
INITIATIVES_PER_KEY_RESULT = 50


def link_problem(link: str) -> str | None:
    """Return what is wrong with an initiative's link, or None when it is a web address."""
    if not link:
        return None
    if len(link) > INITIATIVE_LINK_LIMIT:
        return f"at most {INITIATIVE_LINK_LIMIT} characters, got {len(link):,}"
    parts = urlsplit(link)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in link:
        return f"a link is a web address starting with http:// or https://, got {link!r}"
    return None


def action_plan_target(candidates: list[tuple[int, bool]], moving: int) -> int | None:
    """Return the key result an activity moves under: the first measurable one but itself.

    `candidates` are the objective's key results in order, each (id, measurable); a key result
    that is not measurable (an activity itself) is taken only when no measurable one is left.
    """
    others = [(pk, measurable) for pk, measurable in candidates if pk != moving]
    for pk, measurable in others:
        if measurable:
            return pk
    return others[0][0] if others else None
