"""The shape of a synthetic organisation: how many teams at each level, their names, its people."""

import random
from dataclasses import dataclass

TEAMS_PER_STRATEGIC = 40  # 2,000 teams give 50 strategic teams, 200 give 5.
MIN_TEAMS = 3

DEPARTMENTS = (
    "Sales", "Marketing", "Product", "Engineering", "Customer Success", "Operations", "Finance",
    "People", "Data", "Security", "Platform", "Design", "Legal", "Partnerships", "Supply Chain",
    "Logistics", "Procurement", "Research", "Support", "Infrastructure", "Growth", "Brand",
    "Manufacturing", "Quality", "Field Service",
)  # fmt: skip
REGIONS = ("EMEA", "Americas", "APAC", "Nordics", "DACH", "Iberia", "UK & Ireland", "Benelux")
TOPICS = (
    "Onboarding", "Checkout", "Payments", "Billing", "Pricing", "Search", "Mobile App",
    "Web App", "Identity", "Notifications", "Reporting", "Analytics", "Data Platform",
    "Integrations", "Public API", "Partner Portal", "Self-Service", "Trials", "Renewals",
    "Enterprise Accounts", "Mid-Market Accounts", "Inbound", "Outbound", "Events", "Content",
    "SEO", "Lifecycle Marketing", "Community", "Documentation", "Localisation", "Accessibility",
    "Design System", "Performance", "Reliability", "Observability", "Build Tools", "Cloud Costs",
    "Networking", "Storage", "Databases", "Machine Learning", "Recommendations", "Fraud",
    "Risk", "Compliance", "Privacy", "Procure-to-Pay", "Payroll", "Recruiting", "Learning",
    "Workplace", "Warehousing", "Last Mile", "Returns", "Forecasting", "Supplier Quality",
    "Field Support", "Contact Centre", "Knowledge Base", "Customer Education",
)  # fmt: skip
SITES = (
    "Lisbon", "Berlin", "Dublin", "Warsaw", "Austin", "Toronto", "Madrid", "Amsterdam",
    "Stockholm", "Singapore", "Sydney", "Prague", "Milan", "Lyon", "Boston", "Denver", "Porto",
    "Tallinn", "Vienna", "Zurich", "Oslo", "Helsinki", "Seattle", "Chicago", "Bristol", "Leeds",
    "Munich", "Hamburg", "Valencia", "Krakow", "Bangalore", "Tokyo", "Seoul", "Mexico City",
)  # fmt: skip
FIRST_NAMES = (
    "Ada", "Ahmed", "Aiko", "Alba", "Amara", "Ana", "Anders", "Arjun", "Aurora", "Ben",
    "Bianca", "Carlos", "Chen", "Chloe", "Dara", "David", "Dmitri", "Elena", "Emeka", "Emma",
    "Farah", "Felix", "Grace", "Hana", "Hugo", "Ines", "Isaac", "Ivy", "Jamal", "Jana", "Javier",
    "Jonas", "Julia", "Kai", "Kofi", "Lara", "Leila", "Liam", "Lina", "Lucas", "Maya", "Mei",
    "Mateo", "Nadia", "Nia", "Noah", "Omar", "Olga", "Priya", "Rafael", "Ravi", "Rosa", "Sami",
    "Sara", "Sofia", "Tariq", "Thea", "Tomas", "Uma", "Victor", "Wei", "Yara", "Yusuf", "Zoe",
)  # fmt: skip
LAST_NAMES = (
    "Abara", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ivanova",
    "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Patel", "Quinn", "Rossi",
    "Santos", "Tanaka", "Usman", "Varga", "Weber", "Xu", "Yilmaz", "Zimmermann", "Almeida",
    "Brennan", "Chowdhury", "Dimitrov", "Esposito", "Fernandes", "Gonzalez", "Horvath", "Ito",
    "Kim", "Larsen", "Mendes", "Novak", "Olsen", "Popescu", "Reyes", "Schmidt", "Silva",
    "Virtanen", "Wojcik", "Young", "Zhang", "Mensah", "Nilsson",
)  # fmt: skip


class ShapeError(ValueError):
    """Numbers that give no sensible organisation."""


@dataclass(frozen=True)
class TeamPlan:
    """A team to create: its name, level, and the index of its parent team in the plan."""

    name: str
    level: str
    parent: int | None
    topic: str


def strategic_count(teams: int) -> int:
    """Return how many strategic teams an organisation of this many teams has (1 in 40)."""
    if teams < MIN_TEAMS:
        raise ShapeError(f"At least {MIN_TEAMS} teams: a company, a strategic and a tactical team.")
    wanted = round(teams / TEAMS_PER_STRATEGIC)
    floor = 2 if teams >= 8 else 1
    return max(floor, min(wanted, (teams - 1) // 2))


def plan_teams(teams: int, rng: random.Random, company: str) -> list[TeamPlan]:
    """Return the company team, the strategic teams and the tactical teams spread below them."""
    strategic = strategic_count(teams)
    plans = [TeamPlan(company, "company", None, "company")]
    for name, department in _department_names(strategic):
        plans.append(TeamPlan(name, "strategic", 0, department))
    taken = {p.name for p in plans}
    combos = [(t, s) for t in TOPICS for s in SITES]
    rng.shuffle(combos)
    for index in range(teams - 1 - strategic):
        topic, site = combos[index % len(combos)]
        name = f"{topic} {site}"
        if name in taken:
            name = f"{name} {index // len(combos) + 1}"
        taken.add(name)
        plans.append(TeamPlan(name, "tactical", 1 + index % strategic, topic))
    return plans


def _department_names(count: int) -> list[tuple[str, str]]:
    """Return (name, department) pairs, regional departments once the plain ones run out."""
    names = [(d, d) for d in DEPARTMENTS]
    names += [(f"{d} {region}", d) for region in REGIONS for d in DEPARTMENTS]
    while len(names) < count:
        department = DEPARTMENTS[len(names) % len(DEPARTMENTS)]
        names.append((f"{department} {len(names)}", department))
    return names[:count]


def person_names(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """Return (name, e-mail local part) pairs, each local part unique."""
    seen: dict[str, int] = {}
    found = []
    for _ in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        local = f"{first}.{last}".lower()
        seen[local] = seen.get(local, 0) + 1
        if seen[local] > 1:
            local = f"{local}{seen[local]}"
        found.append((f"{first} {last}", local))
    return found
