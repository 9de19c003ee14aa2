"""Template filters for OKR numbers (okrs/domain/numbers.py), statuses and scores."""

from django import template

from okrs.domain import numbers

register = template.Library()
register.filter("num", numbers.num)
register.filter("unit", numbers.unit_suffix)
register.filter("kr_value", numbers.kr_value)
register.filter("kr_range", numbers.kr_range)
register.filter("plain_number", numbers.plain_number)
register.filter("percent", numbers.percent)

STATUS_LABELS = {"on-track": "On track", "at-risk": "At risk", "off-track": "Off track"}


@register.filter
def status_label(status: str) -> str:
    """Return the readable name of a status."""
    return STATUS_LABELS.get(status, status)


@register.filter
def last_confidence(weeks) -> str:
    """Return the latest week's mean confidence, one decimal."""
    return f"{weeks[-1]['confidence']:.1f}" if weeks else "–"
