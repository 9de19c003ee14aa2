"""Each tactical team's objective in the closed previous quarter, graded at its evaluation."""

from okrs.demo.content import KeyResultSpec as KR
from okrs.demo.content import NoteSpec as Note
from okrs.demo.content import ObjectiveSpec as Objective
from okrs.demo.content import milestone

PREVIOUS_QUARTER = {
    "Clean Water Field Team": Objective(
        "Give every village the skills and spare parts to keep its water flowing",
        "A water point that breaks and stays broken teaches a village not to trust us. This "
        "quarter we focus on the people who keep them working.",
        "a trained caretaker close by turns a three-week outage into a two-day repair",
        "the repair log and the caretaker register",
        (
            KR(
                "Raise water points with a trained local caretaker from 40% to 85%",
                40,
                85,
                "%",
            ),
            KR(
                "Reduce the average repair time for broken water points from 12 to 4 days",
                12,
                4,
                "days",
                indicator="lagging",
            ),
            KR(
                "Complete impact assessments of existing clean water projects from 0 to 3",
                0,
                3,
                "reports",
                kind="output",
            ),
        ),
        pace=0.85,
        notes=(
            Note(
                1,
                0.5,
                "Repairs in the north now take five days on average.",
                "Spare parts for the older hand pumps come from the capital and take a week.",
                "Keep a small stock of the three parts that fail most at the district office.",
            ),
        ),
    ),
    "Campaigns": Objective(
        "Raise awareness and drive action for clean water access in underserved communities",
        "The clean water bill reaches parliament this year. We want it to arrive with the "
        "voices of the communities it is about.",
        "visible public support and informed households give lawmakers a reason to act",
        "petition signatures, the households reached and whether a hearing is granted",
        (
            KR(
                "Grow petition signatures for clean water legislation from 20,000 to 100,000",
                20000,
                100000,
                "signatures",
            ),
            KR(
                "Reach households with clean water and hygiene education from 0 to 10,000",
                0,
                10000,
                "households",
                kind="output",
                team="Clean Water Field Team",
            ),
            milestone(
                "Secure a parliamentary hearing on the clean water bill",
                done_at=0.7,
                kind="outcome",
                indicator="lagging",
            ),
        ),
        pace=0.8,
        shared_with=("Clean Water Field Team",),
        notes=(
            Note(
                0,
                0.6,
                "The radio interview brought 9,000 signatures in three days.",
                "The online form failed on older phones for a week.",
                "Product fixed the form; we will repeat the radio slot in two more regions.",
            ),
        ),
    ),
    "Wildlife Team": Objective(
        "Bring native habitat back to the river valley",
        "The wetland and the riverbanks lost most of their native plants; this quarter we plant "
        "and clear them so birds have a reason to come back.",
        "native plants and open water bring back the insects and birds the valley had",
        "the monthly bird count and the plot surveys",
        (
            KR("Plant native trees along the river from 0 to 10,000", 0, 10000, "trees"),
            KR(
                "Increase nesting pairs counted in the restored wetland from 14 to 30",
                14,
                30,
                "pairs",
                indicator="lagging",
            ),
            KR(
                "Reduce invasive plant cover on restored plots from 45% to 15%",
                45,
                15,
                "%",
                indicator="lagging",
            ),
        ),
        pace=0.9,
    ),
    "Product": Objective(
        "Deliver a donation experience supporters love to come back to",
        "Too many supporters give up halfway through the donation form, most of them on a phone.",
        "a fast, simple form on a phone is the difference between meaning to give and giving",
        "checkout analytics and the post-donation survey",
        (
            KR(
                "Reduce donation page load time from 3.8 to 1.5 seconds",
                3.8,
                1.5,
                "s",
                kind="output",
            ),
            KR("Increase donation checkout completion from 41% to 70%", 41, 70, "%"),
            KR(
                "Raise supporter satisfaction with giving online from 3.9 to 4.6 out of 5",
                3.9,
                4.6,
                "/ 5",
                indicator="lagging",
                decimals=2,
            ),
        ),
        pace=0.6,
        notes=(
            Note(
                1,
                0.7,
                "Completion is up eleven points since the one-page form.",
                "The payment provider's card step still loses a third of phone users.",
                "Evaluate a second provider next quarter.",
            ),
        ),
    ),
    "Partnerships": Objective(
        "Win partners who fund clean water for the long term",
        "One-year sponsorships pay for pumps; multi-year partnerships pay for the people who "
        "keep them running.",
        "partners who commit for several years let Programs plan maintenance, not just building",
        "signed agreements and the length of our sales cycle",
        (
            KR(
                "Close multi-year corporate partnerships from 0 to 6",
                0,
                6,
                "partnerships",
                indicator="lagging",
            ),
            KR(
                "Reduce the average partnership sales cycle from 67 to 55 days",
                67,
                55,
                "days",
            ),
        ),
        pace=0.7,
    ),
    "Donor Success": Objective(
        "Make every supporter feel heard and valued",
        "Supporters who hear back quickly and are thanked personally give again.",
        "a fast answer and a personal thank-you are what supporters remember",
        "response times in the help desk and second-gift rates",
        (
            KR(
                "Reduce first response time to supporter questions from 48 to 8 hours",
                48,
                8,
                "hours",
                kind="output",
            ),
            KR(
                "Increase new monthly donors thanked by phone within a week from 20% to 90%",
                20,
                90,
                "%",
                kind="output",
            ),
        ),
        pace=1.08,
        notes=(
            Note(
                1,
                0.4,
                "Volunteers from the call circle now make the thank-you calls on Tuesdays.",
                "",
                "Add a second evening slot for donors who work during the day.",
            ),
        ),
    ),
    "Talent": Objective(
        "Make us the place mission-driven people choose to work",
        "We lose good candidates to slow processes and unclear offers.",
        "candidates who hear back quickly and see a clear offer say yes more often",
        "time to hire and offer acceptance in the hiring tracker",
        (
            KR("Reduce time to hire from 62 to 35 days", 62, 35, "days"),
            KR("Increase offer acceptance from 60% to 85%", 60, 85, "%", indicator="lagging"),
            KR(
                "Grow qualified applications per open role from 12 to 30",
                12,
                30,
                "applications",
                kind="output",
            ),
        ),
        pace=0.5,
        notes=(
            Note(
                0,
                0.55,
                "Time to hire is moving, but slowly.",
                "Interview panels need three managers and their calendars rarely line up.",
                "Try two-person panels for junior roles and see what it does to quality.",
            ),
        ),
    ),
    "Learning & Culture": Objective(
        "Grow a culture where teams learn in the open",
        "Teams keep what they learn to themselves; we want lessons to travel.",
        "teams that reflect together and have a mentor to ask make fewer repeated mistakes",
        "retrospective notes and the mentoring sign-up sheet",
        (
            KR(
                "Increase teams holding a retrospective after each OKR evaluation from 30% to 90%",
                30,
                90,
                "%",
                kind="output",
            ),
            KR(
                "Grow senior leaders acting as mentors from 0% to 80%",
                0,
                80,
                "%",
                kind="output",
            ),
        ),
        pace=0.8,
    ),
}
