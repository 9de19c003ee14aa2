"""The demo organisation's plain content: teams, people, KPIs and the shapes of its OKRs."""

from dataclasses import dataclass

from okrs.organizations.models import Role

ORGANIZATION_NAME = "Northwind Foundation"
DEMO_SLUG = "demo"
DEMO_PASSWORD = "okrs-demo"
LEAD = "lead"
MEMBER = "member"


@dataclass(frozen=True)
class TeamSpec:
    """A strategic team of the demo with the tactical teams below it."""

    name: str
    mission: str
    tactical: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class PersonSpec:
    """A demo person, their role in the organisation and the teams they belong to."""

    email: str
    name: str
    role: str = Role.MEMBER
    teams: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class KeyResultSpec:
    """A demo key result and the shape of the path its check-ins follow."""

    title: str
    start: float | None
    target: float
    unit: str = ""
    indicator: str = "leading"
    kind: str = "outcome"
    type: str = "metric"
    direction: str = ""
    balancing: bool = False
    pace: float | None = None  # Overrides the objective's pace for this key result.
    drift_to: float | None = None  # Where a stay-above value has drifted by the cycle's end.
    done_at: float = 0.7  # A milestone is done once pace x elapsed share reaches this.
    decimals: int | None = None
    team: str = ""  # A contributing team that owns the key result.
    stale_days: int = 0  # Days before today without a check-in, so it shows as due.
    link: str = ""  # The tactical team whose current objective feeds this key result.


@dataclass(frozen=True)
class NoteSpec:
    """A three-part check-in note, written on a key result near a share of the cycle."""

    key_result: int
    share: float
    progress: str
    problems: str = ""
    plans: str = ""


@dataclass(frozen=True)
class ObjectiveSpec:
    """A demo objective with its key results, hypothesis parts and check-in pace."""

    title: str
    description: str
    because: str
    validated_by: str
    key_results: tuple[KeyResultSpec, ...]
    ambition: str = "roofshot"
    pace: float = 1.0  # Progress as a multiple of the expected pace; 1.0 keeps exact pace.
    aligned_to: tuple[str, ...] = ()
    shared_with: tuple[str, ...] = ()
    draft: bool = False
    notes: tuple[NoteSpec, ...] = ()

    def hypothesis(self) -> str:
        """Return the objective's hypothesis in the P-OKR guide's form."""
        measured = [f"“{kr.title}”" for kr in self.key_results[:2]]
        return (
            f"We believe that by achieving {' and '.join(measured)}, we will achieve "
            f"“{self.title}” because {self.because}. This will be validated by "
            f"{self.validated_by}."
        )


def milestone(title: str, done_at: float = 0.7, **fields) -> KeyResultSpec:
    """Return a binary key result, done once the pace carries the cycle past done_at."""
    fields.setdefault("kind", "output")
    return KeyResultSpec(title, 0, 1, type="binary", done_at=done_at, **fields)


# A team whose OKRs keep common mistakes on purpose, for the coach to show; every other team's
# OKRs pass the coach.
PRACTICE_TEAM = "Practice Team"
PRACTICE_MISSION = (
    "Practice only: its OKRs keep common drafting mistakes on purpose, for the coach to point out."
)

STRATEGIC_TEAMS = (
    TeamSpec(
        "Programs",
        "Run the field work that brings clean water and wildlife back to the places we serve.",
        (
            ("Clean Water Field Team", "Build, hand over and keep water points running."),
            ("Wildlife Team", "Restore habitat along the river valley with local volunteers."),
        ),
    ),
    TeamSpec(
        "Marketing & Communications",
        "Tell our story so that people act, give and come back.",
        (
            ("Campaigns", "Turn public attention into signatures, subscribers and press."),
            ("Product", "Build the website and supporter app people give through."),
        ),
    ),
    TeamSpec(
        "Sales & Partnerships",
        "Fund the mission through partners and supporters who stay with us for years.",
        (
            ("Partnerships", "Find and keep corporate and foundation partners."),
            ("Donor Success", "Look after every supporter who gives to us."),
        ),
    ),
    TeamSpec(
        "People & Culture",
        "Make Northwind a place where people and volunteers grow.",
        (
            ("Talent", "Hire and welcome colleagues and volunteers."),
            ("Learning & Culture", "Help teams learn, experiment and practise OKRs well."),
            (PRACTICE_TEAM, PRACTICE_MISSION),
        ),
    ),
)

COMPANY = ORGANIZATION_NAME

PEOPLE = (
    PersonSpec("admin@example.com", "Avery Admin", Role.ADMIN, ((COMPANY, LEAD),)),
    PersonSpec("dave@example.com", "Dave Okafor", Role.OKR_LEADER, ((COMPANY, MEMBER),)),
    PersonSpec("erin@example.com", "Erin Walsh", Role.STAKEHOLDER, ((COMPANY, MEMBER),)),
    PersonSpec(
        "carol@example.com",
        "Carol Jensen",
        Role.OKR_PRACTITIONER,
        (("People & Culture", MEMBER), ("Learning & Culture", LEAD), (PRACTICE_TEAM, MEMBER)),
    ),
    PersonSpec(
        "alice@example.com",
        "Alice Moreau",
        teams=(("Programs", MEMBER), ("Clean Water Field Team", LEAD)),
    ),
    PersonSpec(
        "bob@example.com",
        "Bob Lindqvist",
        teams=(("Clean Water Field Team", MEMBER), ("Campaigns", MEMBER)),
    ),
    PersonSpec("rosa@example.com", "Rosa Delgado", teams=((COMPANY, MEMBER), ("Programs", LEAD))),
    PersonSpec(
        "sam@example.com",
        "Sam Whitaker",
        teams=((COMPANY, MEMBER), ("Marketing & Communications", LEAD)),
    ),
    PersonSpec(
        "tara@example.com", "Tara Nwosu", teams=((COMPANY, MEMBER), ("Sales & Partnerships", LEAD))
    ),
    PersonSpec(
        "priya@example.com",
        "Priya Raman",
        teams=((COMPANY, MEMBER), ("People & Culture", LEAD), ("Talent", LEAD)),
    ),
    PersonSpec(
        "frank@example.com", "Frank Osei", teams=(("Programs", MEMBER), ("Wildlife Team", LEAD))
    ),
    PersonSpec(
        "grace@example.com",
        "Grace Kim",
        teams=(("Wildlife Team", MEMBER), ("Learning & Culture", MEMBER), (PRACTICE_TEAM, MEMBER)),
    ),
    PersonSpec(
        "heidi@example.com",
        "Heidi Novak",
        teams=(("Marketing & Communications", MEMBER), ("Campaigns", LEAD)),
    ),
    PersonSpec(
        "ivan@example.com", "Ivan Petrov", teams=(("Campaigns", MEMBER), ("Product", MEMBER))
    ),
    PersonSpec(
        "judy@example.com",
        "Judy Alvarez",
        teams=(("Marketing & Communications", MEMBER), ("Product", LEAD)),
    ),
    PersonSpec("ken@example.com", "Ken Tanaka", teams=(("Product", MEMBER),)),
    PersonSpec(
        "liam@example.com",
        "Liam O'Brien",
        teams=(("Sales & Partnerships", MEMBER), ("Partnerships", LEAD)),
    ),
    PersonSpec(
        "maya@example.com",
        "Maya Singh",
        teams=(("Partnerships", MEMBER), ("Donor Success", MEMBER)),
    ),
    PersonSpec(
        "nora@example.com",
        "Nora Haddad",
        teams=(("Sales & Partnerships", MEMBER), ("Donor Success", LEAD)),
    ),
    PersonSpec(
        "omar@example.com",
        "Omar Farouk",
        teams=(("Clean Water Field Team", MEMBER), ("Donor Success", MEMBER)),
    ),
    PersonSpec(
        "quinn@example.com",
        "Quinn Baker",
        teams=(("Talent", MEMBER), ("Learning & Culture", MEMBER), (PRACTICE_TEAM, LEAD)),
    ),
)


@dataclass(frozen=True)
class KPISpec:
    """A demo KPI: a health metric, its healthy range and where its readings sit."""

    name: str
    team: str
    unit: str
    description: str
    level: float
    spread: float
    lower_bound: float | None = None
    upper_bound: float | None = None
    drift: float = 0.0
    decimals: int = 1
    notes: tuple[tuple[int, str], ...] = ()


KPIS = (
    KPISpec(
        "Water quality tests passed",
        "Clean Water Field Team",
        "%",
        "Share of monthly water samples at our water points that pass the WHO drinking-water test.",
        level=99.1,
        spread=0.3,
        lower_bound=98,
    ),
    KPISpec(
        "Donor churn",
        "Donor Success",
        "%",
        "Share of monthly donors who stopped giving in the last 30 days.",
        level=4.4,
        spread=0.15,
        upper_bound=5,
        drift=1.5,
        notes=(
            (3, "Card expiry wave after the payment provider change."),
            (0, "Third week above range; raised at the OKR review."),
        ),
    ),
    KPISpec(
        "Volunteer satisfaction",
        "Wildlife Team",
        "/ 5",
        "Average rating volunteers give a workday in the post-visit survey.",
        level=4.4,
        spread=0.08,
        lower_bound=4,
        decimals=2,
    ),
    KPISpec(
        "Donation page uptime",
        "Product",
        "%",
        "Share of the week the donation pages answered within two seconds.",
        level=99.85,
        spread=0.06,
        lower_bound=99.5,
        decimals=2,
        notes=((6, "Short outage during the hosting move; back within the hour."),),
    ),
    KPISpec(
        "Cost per euro raised",
        "Sales & Partnerships",
        "€",
        "What we spend on fundraising for every euro that comes in.",
        level=0.21,
        spread=0.006,
        upper_bound=0.25,
        decimals=3,
    ),
)
KPI_READINGS = 12

ON_PACE_NOTES = (
    ("Steady week; the number moved the way we planned.", "", "Same rhythm next week."),
    (
        "A bit ahead of where we expected to be.",
        "",
        "Keep going, and share what worked at the monthly review.",
    ),
    ("Good week: last week's experiment paid off.", "", "Make it part of how we work."),
    (
        "Moved again, though part of this week's figure is an estimate.",
        "One source reported late.",
        "Confirm the figure at the next check-in.",
    ),
)
BEHIND_NOTES = (
    (
        "Only a small step this week.",
        "Two of us were out, and work we depend on from another team slipped.",
        "Raise the dependency at the cross-team check-in.",
    ),
    (
        "Slower than we hoped.",
        "We underestimated how long approvals take.",
        "Narrow the focus to where the need is greatest.",
    ),
    (
        "Flat week.",
        "Our best idea did not move the number; the assumption behind it looks wrong.",
        "Try the next experiment from our planning board.",
    ),
)
