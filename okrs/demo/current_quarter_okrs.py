"""Each tactical team's objective in the current quarter; one is still a draft."""

from okrs.demo.content import PRACTICE_TEAM, milestone
from okrs.demo.content import KeyResultSpec as KR
from okrs.demo.content import NoteSpec as Note
from okrs.demo.content import ObjectiveSpec as Objective

CURRENT_QUARTER = {
    "Clean Water Field Team": Objective(
        "Make safe water a daily habit in every household we reach",
        "A working water point is only half the story; water also has to stay safe on the way "
        "home and in the jerrycan.",
        "households that treat and store water safely see the illness gains that access alone "
        "does not bring",
        "the household survey every month and the clinic reports",
        (
            KR(
                "Increase households treating drinking water at home from 35% to 70%",
                35,
                70,
                "%",
            ),
            KR(
                "Reduce water points out of service in our districts from 22% to 10%",
                22,
                10,
                "%",
                indicator="lagging",
            ),
            milestone(
                "Hand over maintenance of the northern water points to the district water board",
                done_at=0.35,
            ),
        ),
        pace=1.3,
        notes=(
            Note(
                0,
                0.25,
                "The hygiene clubs in schools are carrying the message home faster than we "
                "expected.",
                "",
                "Start clubs in the four schools on the eastern road.",
            ),
            Note(
                1,
                0.6,
                "Caretakers fixed most breakdowns within three days.",
                "Two boreholes need a new pump the caretakers cannot fit themselves.",
                "Order the pumps now so they arrive before the dry season.",
            ),
        ),
    ),
    "Campaigns": Objective(
        "Make clean water a cause no one in our region can ignore",
        "After the petition, we want people to stay with us: to read, share and show up.",
        "people who stay subscribed and click through are the ones who give and sign next time",
        "mailing list growth, click-through and the stories the press picks up",
        (
            KR(
                "Grow our supporter mailing list from 18,000 to 30,000",
                18000,
                30000,
                "subscribers",
            ),
            KR("Increase campaign e-mail click-through from 2.1% to 4.5%", 2.1, 4.5, "%"),
            KR(
                "Secure earned media placements in national press from 0 to 3",
                0,
                3,
                "placements",
                kind="output",
            ),
        ),
        pace=0.8,
        notes=(
            Note(
                1,
                0.35,
                "Click-through is up a little since we shortened the e-mails.",
                "Subject lines that worked for the petition do not work for stories.",
                "Test three subject line styles on a tenth of the list each week.",
            ),
            Note(
                2,
                0.65,
                "A national weekly ran the borehole story.",
                "Other editors say they need a fresh angle, not another borehole.",
                "Pitch the hygiene clubs: children teaching parents is new.",
            ),
        ),
    ),
    "Wildlife Team": Objective(
        "Create a thriving community supporting our wildlife conservation efforts",
        "A moonshot: we have never run restoration at this scale with volunteers, and we do not "
        "yet know how many people the valley can mobilise.",
        "volunteers who come back and schools that adopt a plot turn restoration into something "
        "the community owns",
        "return rates from the volunteer sign-in sheets and the number of schools with a plot",
        (
            KR(
                "Recruit volunteers for habitat restoration from 60 to 500",
                60,
                500,
                "volunteers",
            ),
            KR(
                "Increase volunteers who return for a second workday from 30% to 60%",
                30,
                60,
                "%",
                team="Talent",
            ),
            KR(
                "Grow local schools adopting a restoration plot from 2 to 12",
                2,
                12,
                "schools",
                indicator="lagging",
            ),
        ),
        ambition="moonshot",
        pace=1.3,
        shared_with=("Talent",),
        notes=(
            Note(
                0,
                0.3,
                "The Saturday workdays are full two weeks ahead.",
                "We run out of tools and gloves when more than forty people come.",
                "Ask Partnerships whether the hardware store partner would sponsor kits.",
            ),
            Note(
                1,
                0.55,
                "Talent's welcome call after the first workday is paying off.",
                "",
                "Keep the call, and add a photo of their plot a month later.",
            ),
        ),
    ),
    "Product": Objective(
        "Deliver a world-class supporter experience that keeps donors giving",
        "Donor churn has been above its healthy range for weeks. This quarter the product team "
        "owns the experience that keeps monthly donors with us.",
        "donors leave when giving becomes a hassle: expired cards, no way to pause, no sign "
        "that their gift matters",
        "monthly churn, account activation and the support tickets about changing a gift",
        (
            KR(
                "Reduce monthly recurring-donor churn from 4.2% to 1.8%",
                4.2,
                1.8,
                "%",
                indicator="lagging",
            ),
            KR(
                "Increase 30-day activation of new supporter accounts from 45% to 78%",
                45,
                78,
                "%",
            ),
            milestone(
                "Let supporters pause or change their monthly gift without calling us",
                done_at=0.75,
            ),
        ),
        pace=0.4,
        notes=(
            Note(
                0,
                0.3,
                "Churn is down, but only a little.",
                "The card updater from the payment provider is still not switched on for us.",
                "Escalate through Partnerships, who know the provider's account team.",
            ),
            Note(
                1,
                0.6,
                "Activation is barely moving.",
                "The welcome e-mail lands in spam for two big providers.",
                "Fix the sender setup first; then retest the welcome journey.",
            ),
        ),
    ),
    "Partnerships": Objective(
        "Build a predictable pipeline of partners who share our mission",
        "Last quarter we closed partners late and by luck. This quarter we want a pipeline we "
        "can forecast.",
        "a pipeline several times the target makes closing predictable instead of lucky",
        "the weekly pipeline review and signed agreements",
        (
            KR(
                "Increase qualified partner pipeline from 1.5x to 4x the quarterly target",
                1.5,
                4,
                "x",
                kind="output",
            ),
            KR(
                "Close new partnerships worth €50,000 or more from 0 to 4",
                0,
                4,
                "partnerships",
                indicator="lagging",
            ),
            KR("Raise partner renewal intent from 60% to 85%", 60, 85, "%"),
        ),
        pace=0.85,
    ),
    "Donor Success": Objective(
        "Make caring for our supporters effortless and sustainable",
        "We want donor care that costs less per supporter without supporters feeling the "
        "difference; the balancing key result guards their satisfaction.",
        "answering at first contact is both cheaper and what supporters prefer",
        "cost per supporter from finance and the satisfaction survey after each contact",
        (
            KR(
                "Reduce the cost of donor care per supporter from €4.10 to €3.00",
                4.1,
                3.0,
                "€",
                indicator="lagging",
                pace=1.4,
                decimals=2,
            ),
            KR(
                "Keep supporter satisfaction with donor care at or above 4.5 out of 5",
                4.62,
                4.5,
                "/ 5",
                indicator="lagging",
                direction="stay-above",
                balancing=True,
                drift_to=4.3,
                decimals=2,
            ),
            KR("Resolve supporter questions at first contact from 55% to 80%", 55, 80, "%"),
        ),
        pace=1.15,
        notes=(
            Note(
                0,
                0.4,
                "Cost per supporter is falling faster than planned since the new help pages.",
                "",
                "Watch satisfaction closely; cheaper must not mean worse.",
            ),
            Note(
                1,
                0.6,
                "Satisfaction has slipped under 4.5.",
                "Supporters who only get a help page link feel brushed off.",
                "Always answer in our own words first, link second.",
            ),
        ),
    ),
    "Talent": Objective(
        "Welcome every new colleague and volunteer so they feel at home from day one",
        "We are hiring twelve people and hundreds of volunteers this year; the first weeks "
        "decide whether they stay.",
        "people who feel welcome in their first weeks stay and bring others",
        "the onboarding survey at 30 days and early leavers in the hiring tracker",
        (
            KR(
                "Increase new colleagues rating their onboarding excellent from 40% to 80%",
                40,
                80,
                "%",
            ),
            KR(
                "Reduce new hires leaving within 90 days from 15% to 5%",
                15,
                5,
                "%",
                indicator="lagging",
            ),
        ),
        pace=1.3,
    ),
    "Learning & Culture": Objective(
        "Give every team the confidence to experiment and share what it learns",
        "A draft from this quarter's planning workshop, not yet shared with the other teams.",
        "teams that see others experiment safely start experimenting themselves",
        "the experiment log and the monthly learning forum",
        (
            KR(
                "Increase teams running at least one experiment a month from 25% to 75%",
                25,
                75,
                "%",
            ),
            KR(
                "Grow lessons shared at the monthly learning forum from 3 to 15",
                3,
                15,
                "lessons",
                kind="output",
            ),
        ),
        draft=True,
    ),
    PRACTICE_TEAM: Objective(
        "Make writing good OKRs something every team does with confidence",
        "The practice team keeps one common mistake per OKR on purpose, so that anyone can see "
        "what the coach says about it and how to fix it.",
        "teams learn the practice fastest from real drafts the coach comments on",
        "the share of drafts the coach passes and the time from first draft to publication",
        (
            KR(
                "Raise the share of drafts the coach passes without a warning from 30% to 70%",
                30,
                70,
                "%",
            ),
            KR(
                "Reduce the days from a first draft to a published objective from 21 to 7",
                21,
                7,
                "days",
                indicator="lagging",
                stale_days=15,  # On purpose: a key result nobody checked in on lately.
            ),
            KR(
                "Hold 6 OKR writing workshops",  # On purpose: an activity, not a result.
                0,
                6,
                "workshops",
                kind="output",
            ),
        ),
        pace=1.0,
    ),
}
