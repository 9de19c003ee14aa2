"""Template filters for OKR numbers (okrs/domain/numbers.py), states and scores."""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from okrs.domain import numbers
from okrs.domain.states import LOOKS, State, look

register = template.Library()
register.filter("num", numbers.num)
register.filter("unit", numbers.unit_suffix)
register.filter("kr_value", numbers.kr_value)
register.filter("kr_range", numbers.kr_range)
register.filter("plain_number", numbers.plain_number)
register.filter("percent", numbers.percent)


@register.filter
def state_label(state: str) -> str:
    """Return the label of a state (on-track, not-started, closed...)."""
    return look(state).label if state in LOOKS else state


@register.filter
def state_colour(state: str) -> str:
    """Return the CSS class that colours a state."""
    return look(state).colour


def state_markup(state: str, grade: str = "") -> str:
    """Return the pill of a state, then the evaluation grade when one was given."""
    found = look(state)
    pill = f'<span class="pill {found.colour}">{found.label}</span>'
    return f'{pill} <span class="grade">grade {escape(grade)}</span>' if grade else pill


@register.simple_tag
def state_pill(state: str, grade: str = "") -> SafeString:
    """Write the pill of a state: the one markup of a state on every page."""
    return mark_safe(state_markup(state, grade))  # noqa: S308 - the label and colour are ours


@register.simple_tag
def state_legend(without: str = "") -> SafeString:
    """Write the pill of every state but those named, in the order they run from draft to closed."""
    left_out = without.split()
    pills = (state_markup(state) for state in State if state not in left_out)
    return mark_safe("".join(pills))  # noqa: S308 - the labels and colours are ours


@register.filter
def last_confidence(weeks) -> str:
    """Return the latest week's mean confidence, one decimal."""
    return f"{weeks[-1]['confidence']:.1f}" if weeks else "–"
