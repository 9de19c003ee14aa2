"""Template filters of the evaluation pages."""

from django import template

from okrs.evaluation import scale

register = template.Library()


@register.filter
def on_scale(value, score_scale: str) -> str:
    """Return a stored 0-10 score written on the organisation's scale."""
    return scale.label(value, score_scale)


@register.filter
def signed(value, decimals: int = 1) -> str:
    """Return a number with its sign: +1.5, -0.3, 0.0."""
    if value is None:
        return "–"
    text = f"{value:+.{decimals}f}"
    return "0.0" if text in ("+0.0", "-0.0") else text.replace("-", "−")
