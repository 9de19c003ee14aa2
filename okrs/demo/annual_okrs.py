"""The annual cycle's company and strategic objectives, adapted from the OKR guides' examples."""

from okrs.demo.content import KeyResultSpec as KR
from okrs.demo.content import NoteSpec as Note
from okrs.demo.content import ObjectiveSpec as Objective

# One objective for the company, as for every team under P-OKR: the departments' objectives all
# support it, each from its own side (field work, reputation, funding, people).
COMPANY_OBJECTIVES = {
    "mission": Objective(
        "Leave every community we serve with safe water and a living river valley, for good",
        "Our multi-year mission: no family in the districts we work in walks more than half an "
        "hour for safe water, every water point we help build keeps running, and the valley's "
        "wildlife comes back with the people who live there.",
        "access and habitats only last when local people run them and funding lets us plan in "
        "years, not months",
        "district health records, our quarterly household surveys, the volunteer register and "
        "the monthly income report",
        (
            KR(
                "Increase households with reliable clean water access from 12,000 to 30,000",
                12000,
                30000,
                "households",
                indicator="lagging",
            ),
            KR(
                "Reduce reported waterborne illness cases in partner villages from 340 to 120 "
                "a month",
                340,
                120,
                "cases",
                indicator="lagging",
            ),
            KR("Grow active conservation volunteers from 150 to 650", 150, 650, "volunteers"),
            KR(
                "Grow the share of income from recurring donors and multi-year partners "
                "from 35% to 60%",
                35,
                60,
                "%",
                indicator="lagging",
            ),
        ),
        ambition="moonshot",
        pace=1.05,
        notes=(
            Note(
                1,
                0.45,
                "Illness reports fell in the six villages with new water committees.",
                "The two eastern districts still report on paper, a month late.",
                "Programs will pilot the phone reporting form there next quarter.",
            ),
        ),
    ),
}

STRATEGIC_OBJECTIVES = {
    "Programs": Objective(
        "Turn our field projects into lasting change for people and wildlife",
        "Programs brings the Clean Water Field Team and the Wildlife Team together around one "
        "question: what still works a year after we leave?",
        "communities that run their own water committees and restoration plots keep them going "
        "long after our projects end",
        "the committee register and the habitat survey each autumn",
        (
            KR(
                "Increase villages with a community-run water committee from 24 to 60",
                24,
                60,
                "villages",
            ),
            KR(
                "Reduce water points out of service from 22% to 8%",
                22,
                8,
                "%",
                indicator="lagging",
            ),
            KR(
                "Restore native habitat from 120 to 400 hectares",
                120,
                400,
                "hectares",
                link="Wildlife Team",
            ),
        ),
        pace=1.1,
        aligned_to=("mission",),
        notes=(
            Note(
                0,
                0.3,
                "New committees keep registering; the field team's training pack works.",
                "",
                "Train two more local facilitators before the rainy season.",
            ),
        ),
    ),
    "Marketing & Communications": Objective(
        "Become the most trusted voice for clean water and wildlife in our region",
        "When journalists, schools or companies look for someone to explain clean water or "
        "river wildlife, we want them to think of us first.",
        "people give to and stand with organisations they trust and hear from often",
        "the supporter NPS survey and the share of new donors who found us through search or "
        "the press",
        (
            KR(
                "Grow organic website visitors from 40,000 to 75,000 a month",
                40000,
                75000,
                "visitors",
            ),
            KR("Increase supporter NPS from 28 to 50", 28, 50, "points", indicator="lagging"),
            KR(
                "Secure earned media placements in national outlets from 0 to 5",
                0,
                5,
                "placements",
                kind="output",
            ),
        ),
        pace=1.0,
        aligned_to=("mission",),
        shared_with=("Sales & Partnerships",),
    ),
    "Sales & Partnerships": Objective(
        "Build a predictable and scalable funding engine for our programmes",
        "Partners and monthly donors who stay for years let Programs promise maintenance, not "
        "just construction.",
        "a full pipeline and a shorter sales cycle turn one-off gifts into planned income",
        "the monthly income report and the pipeline review",
        (
            KR(
                "Grow monthly recurring donations from €80,000 to €140,000",
                80000,
                140000,
                "€",
                indicator="lagging",
            ),
            KR(
                "Reduce the average partnership sales cycle from 67 to 45 days",
                67,
                45,
                "days",
            ),
            KR(
                "Increase pipeline coverage from 1.5x to 4x the quarterly target",
                1.5,
                4,
                "x",
                kind="output",
                link="Partnerships",
            ),
        ),
        pace=0.45,
        aligned_to=("mission",),
        notes=(
            Note(
                0,
                0.5,
                "Monthly giving grew, but more slowly than the plan assumed.",
                "Churn after the payment provider change ate most of the new sign-ups.",
                "Donor Success and Product are working on churn together this quarter.",
            ),
        ),
    ),
    "People & Culture": Objective(
        "Create an exceptional employee experience that makes people want to stay and grow",
        "Good people leave when they stop learning or stop feeling heard; we want the opposite "
        "to be true at Northwind.",
        "people who grow and feel heard stay longer and do their best work",
        "the eNPS pulse every quarter and exit interviews",
        (
            KR("Increase employee NPS from 28 to 52", 28, 52, "points", indicator="lagging"),
            KR(
                "Reduce voluntary turnover from 18% to 11%",
                18,
                11,
                "%",
                indicator="lagging",
            ),
            KR(
                "Raise OKR training completion among people managers from 40% to 95%",
                40,
                95,
                "%",
                kind="output",
            ),
        ),
        pace=1.05,
        aligned_to=("mission",),
    ),
}
