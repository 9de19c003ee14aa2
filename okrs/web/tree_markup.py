"""The alignment tree's nodes written as HTML in one pass, the markup of web/tree.html's nodes.

Rendering thousands of nodes through an {% include %} per node, a {% url %} per link and the
progress and status partials cost most of the page; this writes the same markup directly, in
pieces a page can stream so that the whole markup never sits in memory at once.
"""

from collections.abc import Iterator
from html import escape

from django.urls import reverse

from okrs.domain.mix import indicator_mix
from okrs.web.templatetags.okrs import state_colour, state_markup

MOONSHOT = '<span class="tag moon">moonshot</span>'
UNALIGNED = '<span class="tag warn" title="Not aligned to any objective above">not aligned</span>'
MIX_TITLE = "Leading and lagging indicators among the key results"
CHUNK = 64 * 1024  # characters of markup per piece


def _progress(card) -> str:
    """Return web/_progress.html for the card."""
    percent, expected = card.percent(), card.expected_percent()
    marker = (
        f'<div class="progress-expected" style="left: {expected}%" '
        f'title="Expected by today: {expected}%"></div>'
        if card.expected > 0
        else ""
    )
    return (
        f'<div class="progress" role="img" aria-label="Progress {percent}%, expected {expected}% '
        f'by today">\n  <div class="progress-fill {state_colour(card.state)}" '
        f'style="width: {percent}%"></div>'
        f"\n  {marker}\n</div>\n"
    )


class _Writer:
    """Writes nodes with the URL prefixes reversed once."""

    def __init__(self, cycle_id: int):
        self.cycle_id = cycle_id
        self.objective_url = reverse("objective", args=[0])[:-2]
        self.team_url = reverse("team", args=["x"])[:-2]

    def team_link(self, team) -> str:
        """Return a link to the team's page."""
        return f'<a href="{self.team_url}{escape(team.slug)}/">{escape(team.name)}</a>'

    def opening(self, card) -> str:
        """Return the node's markup up to its children."""
        o = card.objective
        team = o.team
        level = escape(team.level) if team and team.level else "individual"
        chip = escape(team.get_level_display()) if team else ""
        owner = self.team_link(team) if team else escape(str(o.owner))
        shared = ""
        if card.contributors:
            links = ", ".join(self.team_link(t) for t in card.contributors)
            shared = f'<span title="Shared objective">with {links}</span>'
        other_cycle = (
            f'<span class="muted">{escape(o.cycle.name)}</span>'
            if o.cycle_id != self.cycle_id
            else ""
        )
        count = len(card.key_results)
        mix = indicator_mix(kr_card.key_result.indicator for kr_card in card.key_results).label()
        if mix:
            mix = f' <span class="indicator-mix" title="{MIX_TITLE}">({mix})</span>'
        confidence = f"· confidence {card.confidence}/10" if card.confidence is not None else ""
        pill = state_markup(card.state, card.grade_label)
        return (
            f'\n<li class="tree-node level-{level}{" dimmed" if card.dimmed else ""}" '
            f'data-objective="{o.pk}" role="treeitem" aria-expanded="true">\n  <details open>\n'
            "    <summary>\n"
            '      <span class="node-body">\n        <span class="node-title">\n'
            f'          <span class="level-chip">{chip or "Individual"}</span>\n'
            f'          <a href="{self.objective_url}{o.pk}/">{escape(o.title)}</a>\n'
            f"          {MOONSHOT if o.ambition == 'moonshot' else ''}\n"
            f"          {UNALIGNED if card.is_unaligned() else ''}\n"
            '        </span>\n        <span class="node-meta">\n'
            f"          {owner}\n          {shared}\n          {other_cycle}\n"
            f"          · {count} KR{'' if count == 1 else 's'}{mix}\n"
            f"          {confidence}\n"
            '        </span>\n      </span>\n      <span class="node-figures">\n'
            f'        <span class="node-progress">{_progress(card)}</span>\n'
            f'        <span class="score">{escape(card.score_label)}</span>\n'
            f"        {pill}\n      </span>\n    </summary>\n    \n"
            + ('    <ul role="group">' if card.children else "")
        )

    @staticmethod
    def closing(card) -> str:
        """Return the node's markup after its children."""
        return ("</ul>\n    \n" if card.children else "") + "  </details>\n</li>\n\n"


def tree_chunks(roots: list, cycle_id: int) -> Iterator[str]:
    """Yield the HTML of the tree's nodes under its roots in pieces of about CHUNK characters.

    The nodes are written depth first with a stack rather than by recursion, so a piece can be
    handed out wherever the markup has grown long enough. Every value is escaped here.
    """
    writer = _Writer(cycle_id)
    parts: list[str] = []
    length = 0
    stack = [(iter(roots), None)]
    while stack:
        card = next(stack[-1][0], None)
        if card is None:
            _, parent = stack.pop()
            if parent is not None:
                parts.append(writer.closing(parent))
            continue
        piece = writer.opening(card)
        parts.append(piece)
        length += len(piece)
        stack.append((iter(card.children), card))
        if length >= CHUNK:
            yield "".join(parts)
            parts, length = [], 0
    yield "".join(parts)
