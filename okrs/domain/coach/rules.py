"""The catalogue of coaching rules: id, default severity, title, the guides' reason, docs entry."""

from dataclasses import dataclass
from datetime import date

from okrs.domain.coach.findings import Finding
from okrs.domain.document import Document
from okrs.domain.profiles import Profile

DOCS = "docs/coach-rules.md"


@dataclass(frozen=True)
class Rule:
    """A drafting guideline the coach checks, and why the guides ask for it."""

    id: str
    severity: str
    title: str
    reason: str
    scope: str  # "objective", "key-result", "team"
    docs: str  # the page and anchor of the rule's entry: "docs/coach-rules.md#<id>"


def _rule(id: str, severity: str, scope: str, title: str, reason: str) -> tuple[str, Rule]:
    return id, Rule(id, severity, title, reason, scope, f"{DOCS}#{id}")


RULES: dict[str, Rule] = dict(
    [
        _rule(
            "objective-has-number",
            "warning",
            "objective",
            "Numbers belong in key results",
            "An objective is a qualitative statement of the outcome wanted; numeric targets belong "
            "in its key results (OKR Institute: objectives do not contain numbers).",
        ),
        _rule(
            "objective-prescribes-how",
            "warning",
            "objective",
            "An objective says what, not how",
            "An objective that names its solution limits the ideas it invites (Scaled OKRs: "
            "'Create a world-class customer service experience by reducing wait time on support "
            "calls'); P-OKR asks for the desired change without prescribing how.",
        ),
        _rule(
            "too-few-key-results",
            "error",
            "objective",
            "An objective needs at least two key results",
            "An objective should have 2 to 5 key results: one alone rarely shows that the outcome "
            "was reached.",
        ),
        _rule(
            "too-many-key-results",
            "warning",
            "objective",
            "No more than five key results",
            "The more key results there are, the less focus and clarity the team has (P-OKR: 2 to "
            "5); the OKR Institute prefers 2 to 4.",
        ),
        _rule(
            "too-many-objectives",
            "warning",
            "team",
            "Less is more: a few objectives per team",
            "Too many objectives dilute focus: P-OKR has a team fulfil or abandon one objective "
            "before taking on the next; the OKR Institute allows up to 3 per quarter.",
        ),
        _rule(
            "objectives-across-cadences",
            "warning",
            "team",
            "One objective per team, whatever the cadence",
            "P-OKR has a team pursue one objective at a time: an open annual objective beside an "
            "open quarterly one splits its focus. Fulfil or abandon one before the next.",
        ),
        _rule(
            "company-objectives-count",
            "warning",
            "team",
            "Three to five objectives for the organisation",
            "Scaled OKRs asks for three to five objectives for the organisation as a whole: fewer "
            "leave the teams without direction, more dilute it.",
        ),
        _rule(
            "individual-okr",
            "warning",
            "objective",
            "OKRs belong to teams",
            "Individual OKRs are an anti-pattern in professional practice: they breed misalignment "
            "and incentives that work against collaboration (P-OKR).",
        ),
        _rule(
            "unaligned-objective",
            "warning",
            "objective",
            "Align with an objective above",
            "Strategic and tactical objectives support the objectives above them; with no "
            "alignment, teams head in opposite directions without knowing it (Scaled OKRs).",
        ),
        _rule(
            "cascade-kr-as-objective",
            "warning",
            "objective",
            "A parent's key result is not a child's objective",
            "Cascading done wrong turns the key result at one level into the objective of the "
            "level below, by decree; it breeds siloed thinking (Scaled OKRs).",
        ),
        _rule(
            "missing-hypothesis",
            "info",
            "objective",
            "State the hypothesis",
            "P-OKR bases OKRs on hypotheses: 'We believe that by achieving [KR1] and [KR2] we "
            "will achieve [objective] because [reasoning]'; each review then tests it.",
        ),
        _rule(
            "kr-not-measurable",
            "error",
            "key-result",
            "A key result is measurable",
            "Key results are measurable and verifiable, ideally from X to Y; a qualitative one "
            "must be a clear milestone, done or not done.",
        ),
        _rule(
            "kr-binary-by-nature",
            "warning",
            "key-result",
            "A milestone is binary",
            "A qualitative key result must be a clear milestone, done or not done (OKR "
            "Institute: key results are specific, verifiable, binary); a certification, a "
            "licence or a law is granted or not, so say so with `type: binary`.",
        ),
        _rule(
            "kr-is-activity",
            "warning",
            "key-result",
            "An achievement, not an activity",
            "Key results are achievements rather than activities (P-OKR): instead of 'Launch new "
            "onboarding module', write 'Increase 30-day product activation rate from 45% to 78%' "
            "(OKR Institute). Activities belong in the action plan.",
        ),
        _rule(
            "kr-missing-baseline",
            "info",
            "key-result",
            "Say where you start from",
            "A quantitative key result answers how much progress is expected, often from what to "
            "what (P-OKR); without a starting value progress cannot be measured.",
        ),
        _rule(
            "kr-numbers-disagree",
            "warning",
            "key-result",
            "Title and numbers agree",
            "Progress is measured from the start and target fields; a title that says other "
            "numbers tells the team one goal and scores another.",
        ),
        _rule(
            "unbalanced-kr",
            "warning",
            "objective",
            "Balance a cut with a guard",
            "A key result such as 'Reduce costs by 25%' can invite harm, such as cutting staff "
            "and the capacity to deliver value; define a balancing key result or add detail to "
            "the key result itself (Scaled OKRs).",
        ),
        _rule(
            "kr-looks-like-kpi",
            "info",
            "key-result",
            "Keeping a level steady is a KPI",
            "KPIs watch the health of the running operation; OKRs drive change beyond current "
            "capabilities. A key result that only keeps a level steady is a KPI in disguise.",
        ),
        _rule(
            "too-many-levels",
            "warning",
            "team",
            "Three levels, no more",
            "OKRs are defined at three levels: company, strategic and tactical; more levels add "
            "complexity and confusion about alignment and accountability (P-OKR).",
        ),
        _rule(
            "sandbagging",
            "info",
            "team",
            "Perfect scores mean safe goals",
            "Scoring 0.6 to 0.7 is strong for aspirational OKRs; consistently scoring 1.0 suggests "
            "the goals were not ambitious enough (OKR Institute).",
        ),
        _rule(
            "no-recent-check-in",
            "warning",
            "key-result",
            "Check in on every key result",
            "OKRs fail when they are set and forgotten: check in often enough to catch problems "
            "early (P-OKR: bi-weekly to start; the OKR Institute: weekly).",
        ),
        _rule(
            "all-lagging",
            "info",
            "objective",
            "Mix leading and lagging indicators",
            "Lagging indicators confirm an outcome after the fact; leading ones give early signals "
            "to adjust in time. P-OKR: consider incorporating a mix of lagging and leading "
            "indicators as key results.",
        ),
    ]
)


@dataclass(frozen=True)
class Context:
    """What the rules know beyond the text: the profile, document, team level and date."""

    profile: Profile
    document: Document | None = None
    level: str | None = None
    today: date | None = None


def finding(
    rule: str,
    target: str,
    message: str,
    suggestion: str = "",
    line: int | None = None,
    severity: str | None = None,
) -> Finding:
    """Return a finding of the rule, with the rule's severity and reason unless told otherwise."""
    known = RULES[rule]
    return Finding(
        rule, severity or known.severity, target, message, known.reason, suggestion, line
    )
