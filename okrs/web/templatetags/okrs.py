"""Template filters for OKR numbers, states and scores."""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from okrs.domain.states import LOOKS, State, look

register = template.Library()


@register.filter
def num(value) -> str:
    """Return a value without needless decimals and with thousands separators."""
    if value is None or value == "":
        return "–"
    value = float(value)
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


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


@register.filter(name="unit")
def _unit(unit: str) -> str:
    """Return the unit as written after a number: '%' tight, words after a space."""
    if not unit or unit == "%":
        return unit
    return f" {unit}"


@register.filter
def kr_value(key_result) -> str:
    """Return a key result's current value with its unit, or 'done'/'not done' for a milestone."""
    if key_result.type == "binary":
        return "Done" if (key_result.current or 0) >= 1 else "Not done"
    if key_result.current is None:
        return "–"
    return f"{num(key_result.current)}{_unit(key_result.unit)}"


@register.filter
def kr_range(key_result) -> str:
    """Return 'from X to Y unit' for a metric key result."""
    if key_result.type == "binary":
        return "Milestone"
    unit = _unit(key_result.unit)
    if key_result.direction in ("stay-above", "stay-below"):
        word = "at least" if key_result.direction == "stay-above" else "at most"
        return f"Keep {word} {num(key_result.target)}{unit}"
    return f"{num(key_result.start)} → {num(key_result.target)}{unit}"


@register.filter
def plain_number(value) -> str:
    """Return a number as an input field takes it: no separators, no needless decimals."""
    if value is None or value == "":
        return ""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


@register.filter
def percent(share) -> str:
    """Return a share of 1 as a whole percentage: 0.456 -> 46%."""
    return f"{round((share or 0) * 100)}%"


@register.filter
def last_confidence(weeks) -> str:
    """Return the latest week's mean confidence, one decimal."""
    return f"{weeks[-1]['confidence']:.1f}" if weeks else "–"
