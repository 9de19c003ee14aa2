"""The alignment tree's nodes written as HTML in one pass, the markup of web/tree.html's nodes.

Rendering thousands of nodes through an {% include %} per node, a {% url %} per link and the
progress and status partials cost most of the page; this writes the same markup directly.
"""

from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from okrs.web.templatetags.okrs import status_label

MOONSHOT = '<span class="tag moon">moonshot</span>'
UNALIGNED = '<span class="tag warn" title="Not aligned to any objective above">not aligned</span>'


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
        f'by today">\n  <div class="progress-fill {card.status}" style="width: {percent}%"></div>'
        f"\n  {marker}\n</div>\n"
    )


class _Writer:
    """Writes nodes with the URL prefixes reversed once."""

    def __init__(self, cycle_id: int):
        self.cycle_id = cycle_id
        self.objective_url = reverse("objective", args=[0])[:-2]
        self.team_url = reverse("team", args=["x"])[:-2]
        self.parts: list[str] = []

    def team_link(self, team) -> str:
        """Return a link to the team's page."""
        return f'<a href="{self.team_url}{escape(team.slug)}/">{escape(team.name)}</a>'

    def node(self, card) -> None:
        """Append the node and its children."""
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
        confidence = f"· confidence {card.confidence}/10" if card.confidence is not None else ""
        if o.status == "draft":
            pill = '<span class="pill draft">Draft</span>'
        else:
            pill = f'<span class="pill {card.status}">{status_label(card.status)}</span>\n'
        self.parts.append(
            f'\n<li class="tree-node level-{level}{" dimmed" if card.dimmed else ""}" '
            'role="treeitem" aria-expanded="true">\n  <details open>\n    <summary>\n'
            '      <span class="node-body">\n        <span class="node-title">\n'
            f'          <span class="level-chip">{chip or "Individual"}</span>\n'
            f'          <a href="{self.objective_url}{o.pk}/">{escape(o.title)}</a>\n'
            f"          {MOONSHOT if o.ambition == 'moonshot' else ''}\n"
            f"          {UNALIGNED if card.is_unaligned() else ''}\n"
            '        </span>\n        <span class="node-meta">\n'
            f"          {owner}\n          {shared}\n          {other_cycle}\n"
            f"          · {count} KR{'' if count == 1 else 's'}\n          {confidence}\n"
            '        </span>\n      </span>\n      <span class="node-figures">\n'
            f'        <span class="node-progress">{_progress(card)}</span>\n'
            f'        <span class="score">{escape(card.score_label)}</span>\n'
            f"        {pill}\n      </span>\n    </summary>\n    \n"
        )
        if card.children:
            self.parts.append('    <ul role="group">')
            for child in card.children:
                self.node(child)
            self.parts.append("</ul>\n    \n")
        self.parts.append("  </details>\n</li>\n\n")


def tree_markup(roots: list, cycle_id: int) -> SafeString:
    """Return the HTML of the tree's nodes under its roots, as the page lists them."""
    writer = _Writer(cycle_id)
    for root in roots:
        writer.node(root)
    return mark_safe("".join(writer.parts))  # noqa: S308 - every value is escaped above
