"""Read an objective's progress, score, state and confidence off each surface that shows them.

Every reader returns {objective id: [Figures, ...]}: one entry per place the objective is shown,
holding only the figures that place shows (None for the others). Pages are parsed with the
standard library's HTML parser into a small element tree; nothing is read with a regular
expression over markup.
"""

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser

from okrs.domain.progress import (
    format_score,
    infer_direction,
    key_result_progress,
    mean_confidence,
    score,
)
from okrs.domain.rollup import KeyResultInput, objective_progresses
from okrs.domain.states import LOOKS, look

VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
STATE_OF_LABEL = {found.label: str(state) for state, found in LOOKS.items()}
STATE_OF_COLOUR = {found.colour: str(state) for state, found in LOOKS.items()}
OBJECTIVE_LINK = re.compile(r"/objectives/(\d+)/$")


@dataclass
class Figures:
    """The figures one surface shows for one objective; None where it shows none."""

    surface: str
    progress: int | None = None  # whole percent
    score: str | None = None  # the score label, as the scale writes it
    state: str | None = None
    confidence: int | None | str = "unshown"  # None means shown as "no confidence yet"

    def shown(self) -> dict:
        """Return the figures this surface shows, by name."""
        values = {"progress": self.progress, "score": self.score, "state": self.state}
        found = {name: value for name, value in values.items() if value is not None}
        if self.confidence != "unshown":
            found["confidence"] = self.confidence
        return found


@dataclass
class Element:
    """An HTML element with its attributes, children and text."""

    tag: str
    attrs: dict
    children: list = field(default_factory=list)
    parent: "Element | None" = None
    parts: list = field(default_factory=list)

    def classes(self) -> set[str]:
        """Return the element's classes."""
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        """Return the element's text with its descendants', whitespace collapsed."""
        return " ".join("".join(self._texts()).split())

    def _texts(self):
        for part in self.parts:
            yield from part._texts() if isinstance(part, Element) else [part]

    def walk(self):
        """Yield the element and every descendant, document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs) -> list:
        """Return the descendants with the tag, class and attribute values given."""
        return [
            e
            for e in self.walk()
            if (tag is None or e.tag == tag)
            and (cls is None or cls in e.classes())
            and all(e.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs) -> "Element | None":
        """Return the first descendant that matches, or None."""
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None


class _Builder(HTMLParser):
    """Builds an Element tree from markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), parent=self.current)
        self.current.children.append(element)
        self.current.parts.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        element = Element(tag, dict(attrs), parent=self.current)
        self.current.children.append(element)
        self.current.parts.append(element)

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.parts.append(data)


def parse(html: str) -> Element:
    """Return the element tree of a page."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def pill_state(scope: Element) -> str:
    """Return the state of the first state pill in scope; its label and colour must agree."""
    pill = scope.find("span", "pill")
    assert pill is not None, f"no state pill in {scope.tag} {scope.attrs}"
    by_label = STATE_OF_LABEL[pill.text()]
    by_colour = STATE_OF_COLOUR[next(c for c in pill.classes() if c in STATE_OF_COLOUR)]
    assert by_label == by_colour, f"pill reads {pill.text()!r} in colour {pill.classes()}"
    return by_label


def bar_progress(scope: Element) -> int:
    """Return the whole percent a progress bar says, checked against the width it draws."""
    bar = scope.find("div", "progress")
    said = int(re.match(r"Progress (\d+)%", bar.attrs["aria-label"]).group(1))
    fill = bar.find("div", "progress-fill")
    assert fill.attrs["style"] == f"width: {said}%", (bar.attrs, fill.attrs)
    return said


def _confidence(text: str) -> int | None:
    """Return a confidence written "7/10", or None for "–"."""
    return None if text == "–" else int(text.removesuffix("/10"))


def objective_page(html: str, pk: int) -> Figures:
    """Return the figures of an objective's own page: its headline and progress bar."""
    page = parse(html)
    head = page.find(id=f"objective-{pk}-summary")
    bar = page.find(id=f"objective-{pk}-progress")
    progress = head.find(data_figure="progress").text()
    shown = Figures(
        "objective page",
        progress=int(progress.removesuffix("%")),
        score=head.find("span", "score").text(),
        state=pill_state(head),
        confidence=_confidence(head.find(data_figure="confidence").text()),
    )
    assert bar_progress(bar) == shown.progress, "the headline and its bar disagree"
    return shown


def objective_cards(html: str, surface: str) -> dict[int, list[Figures]]:
    """Return the figures of every objective card on a page (My OKRs, a team page)."""
    found = defaultdict(list)
    for card in parse(html).find_all("article", "objective-card"):
        pk = int(card.attrs["id"].removeprefix("objective-"))
        figures = card.find("div", "objective-figures")
        found[pk].append(
            Figures(
                surface,
                progress=bar_progress(card.find(id=f"objective-{pk}-progress")),
                score=figures.find("span", "score").text(),
                state=pill_state(figures),
            )
        )
    return found


def tree_nodes(html: str) -> dict[int, list[Figures]]:
    """Return the figures of every node of the alignment tree."""
    found = defaultdict(list)
    for node in parse(html).find_all("li", "tree-node"):
        pk = int(node.attrs["data-objective"])
        summary = node.find("summary")
        meta = summary.find("span", "node-meta").text()
        said = re.search(r"confidence (\d+)/10", meta)
        figures = summary.find("span", "node-figures")
        found[pk].append(
            Figures(
                "tree",
                progress=bar_progress(figures),
                score=figures.find("span", "score").text(),
                state=pill_state(figures),
                confidence=int(said.group(1)) if said else None,
            )
        )
    return found


def map_boxes(html: str) -> dict[int, list[Figures]]:
    """Return the score and state of every box of the alignment map (its title and colour)."""
    found = defaultdict(list)
    for box in parse(html).find_all("g", "node"):
        pk = int(box.attrs["data-objective"])
        link = OBJECTIVE_LINK.search(box.parent.attrs["href"])
        assert link and int(link.group(1)) == pk, box.parent.attrs
        *_, score_label, label = box.find("title").text().split(" · ")
        state = STATE_OF_LABEL[label]
        assert look(state).colour in box.classes(), (label, box.classes())
        meta = box.find("text", "meta").text()
        assert meta.endswith(f" · {score_label}"), meta
        found[pk].append(Figures("map", score=score_label, state=state))
    return found


def dashboard_figures(html: str) -> dict:
    """Return the dashboard's state counts, average progress and objectives per tenth of progress.

    A cycle with no objective but drafts shows none of them: it reads as no counts at all.
    """
    page = parse(html)
    legend = page.find("ul", "status-legend")
    if legend is None:
        return {"states": {}, "average": None, "tenths": [0] * 10}
    states = {}
    for item in legend.find_all("li"):
        count = int(re.search(r"(\d+) objectives?$", item.text()).group(1))
        if count:
            states[pill_state(item)] = count
    average = next(
        panel.find("strong", "stat-value").text()
        for panel in page.find_all("section", "stat")
        if panel.find("span", "label").text() == "Average progress"
    )
    tenths = [int(b.find("span", "bar-count").text() or 0) for b in page.find_all("div", "bar-col")]
    return {"states": states, "average": average, "tenths": tenths}


def attention_reasons(html: str) -> dict[int, set[str]]:
    """Return the reasons the risk radar gives for each objective it lists itself."""
    found = {}
    for item in parse(html).find("ol", "attention").find_all("li"):
        if "key result of" in item.text().lower():
            continue
        pk = int(OBJECTIVE_LINK.search(item.find("a").attrs["href"]).group(1))
        found[pk] = {reason.text() for reason in item.find_all("span", "reason")}
    return found


def health_objectives_by_team(html: str) -> dict[str, int]:
    """Return how many published objectives health counts for each team row it shows."""
    counts = {}
    table = parse(html).find("table", "health-table")
    for row in table.find("tbody").find_all("tr") if table else []:
        link = row.find("th").find("a")
        if link is None:
            continue  # a row without a team page: individual OKRs
        slug = link.attrs["href"].rstrip("/").rsplit("/", 1)[-1]
        counts[slug] = int(row.find("td", data_label="Objectives").text())
    return counts


def linked_objectives(html: str, scope_tag: str, scope_cls: str) -> set[int]:
    """Return the objectives linked from the page's items (health's stale list, quality)."""
    linked = set()
    for scope in parse(html).find_all(scope_tag, scope_cls):
        for link in scope.find_all("a"):
            match = OBJECTIVE_LINK.search(link.attrs.get("href", ""))
            if match:
                linked.add(int(match.group(1)))
    return linked


def api_node(data: dict, surface: str, scale: str) -> Figures:
    """Return the figures of an objective as the API writes it (tree node or objective)."""
    return Figures(
        surface,
        progress=round(data["progress"] * 100),
        score=format_score(data["score"], scale),
        state=data["state"],
        confidence=data["confidence"],
    )


def api_tree(body: bytes, scale: str) -> dict[int, list[Figures]]:
    """Return the figures of every node of the API's cycle tree."""
    found = defaultdict(list)
    stack = list(json.loads(body)["roots"])
    while stack:
        node = stack.pop()
        found[node["id"]].append(api_node(node, "API tree", scale))
        stack.extend(node["children"])
    return found


def export_figures(document, scale: str) -> dict[str, Figures]:
    """Return the figures an exported OKRs-as-code document reproduces, by objective id in files.

    The document is read back as the importer reads it. Progress comes from the key results'
    start, target, current value, weight and links, the confidence from each key result's latest
    check-in, and the score from the grade it carries.
    """
    inputs, confidences = {}, {}
    for objective in document.objectives:
        inputs[objective.id], confidences[objective.id] = [], []
        for kr in objective.key_results:
            direction = kr.direction
            if direction is None and kr.type != "binary":
                direction = infer_direction(kr.start, kr.target)
            own = key_result_progress(kr.type, direction, kr.start, kr.target, kr.current)
            latest = kr.check_ins[-1] if kr.check_ins else None
            inputs[objective.id].append(
                KeyResultInput(own, kr.weight, kr.linked_objective, latest is not None)
            )
            if latest is not None and latest.confidence is not None:
                confidences[objective.id].append(latest.confidence)
    progresses = objective_progresses(inputs)
    found = {}
    for objective in document.objectives:
        grade = objective.score
        found[objective.id] = Figures(
            "export",
            progress=round(progresses[objective.id] * 100),
            score=None if grade is None else format_score(score(0.0, scale, grade), scale),
            confidence=mean_confidence(confidences[objective.id]),
        )
    return found
