"""The coach's words: verbs, units, currencies, numbers and the phrases its rules look for.

Every list is lowercase. Verbs are listed in their base form; `language.verb_forms` adds the
inflected forms (launches, launched, launching). Multi-word entries are matched as whole phrases.
"""


def _set(words: str) -> frozenset[str]:
    """Return the comma-separated words of a vocabulary list as a set."""
    return frozenset(w.strip() for w in words.split(",") if w.strip())


# Verbs that name work done rather than a change caused ("Launch the onboarding module"). A key
# result led by one of them is an activity unless it measures what the work achieved.
ACTIVITY_VERBS = _set(
    """
    add, adopt, analyse, analyze, attend, audit, automate, begin, build, coach, complete,
    conduct, configure, consolidate, create, define, deliver, deploy, design, develop,
    distribute, document, draft, establish, execute, finalise, finalize, finish, fix, hire,
    hold, host, implement, install, integrate, interview, introduce, investigate, kick off,
    launch, map, meet, migrate, move, onboard, open, organise, organize, overhaul, pilot, plan,
    plant, port, prepare, present, produce, prototype, publish, rebuild, recruit, redesign,
    refactor, release, replace, replatform, research, revamp, review, rewrite, roll out, run,
    schedule, send, set up, ship, stand up, standardise, standardize, start, switch, test,
    train, transition, update, upgrade, write
    """
)

# Activity verbs that make an output; "Ship 3 report templates" counts outputs, not results.
PRODUCING_VERBS = _set(
    """
    build, create, deploy, design, develop, draft, launch, produce, prototype, publish, release,
    roll out, ship, write
    """
)
# Verbs that make an artefact; an objective led by one of them with an artefact names a solution.
BUILDING_VERBS = _set(
    """
    build, code, create, deploy, develop, implement, install, introduce, launch, rebuild,
    redesign, replatform, roll out, set up, ship, stand up
    """
)
# Things a team builds or buys: in an objective they are a solution, not an outcome.
ARTEFACTS = _set(
    """
    api, app, application, bot, chatbot, crm, dashboard, database, erp, feature, form, helpline,
    hotline, intranet, kiosk, module, platform, portal, site, software, system, tool, tracker,
    website
    """
)
# Words that lead from a solution to the outcome it is for: "build an app so that ...".
PURPOSE_PHRASES = ("so that", "in order to", "so", "to let", "to help", "that lets", "to")

# Milestones granted by someone else, done or not done: a certification, a licence, a law.
GRANTED_THINGS = _set(
    """
    accreditation, act, agreement, approval, authorisation, authorization, award, bill,
    certificate, certification, charter, clearance, consent, contract, designation, endorsement,
    law, licence, license, mandate, ordinance, permit, ratification, registration, regulation,
    statute, treaty, waiver
    """
)
GRANTING_PARTICIPLES = _set(
    """
    accredited, adopted, approved, authorised, authorized, awarded, certified, cleared, enacted,
    endorsed, granted, issued, licensed, passed, ratified, registered, signed
    """
)
ATTAINING_VERBS = _set(
    "achieve, attain, become, earn, gain, get, obtain, pass, receive, secure, win"
)

# Hypotheses that only hold a place: "TBD", "n/a", "-", "todo".
PLACEHOLDERS = _set(
    "na, nil, none, null, pending, placeholder, tbc, tbd, tbs, todo, wip, xxx, xx, later, unknown"
)

# Activity verbs that name an input (people, time, meetings) whatever they count: "Hire 5 people".
INPUT_VERBS = _set("attend, hire, hold, host, meet, organise, organize, schedule")

# Vague verbs that become an activity when their object is a piece of work ("Improve the process").
VAGUE_VERBS = _set("enhance, improve, modernise, modernize, optimise, optimize, refine, streamline")
WORK_OBJECTS = _set(
    """
    architecture, codebase, dashboard, docs, documentation, handbook, module, page, pipeline,
    platform, playbook, policy, procedure, process, processes, program, programme, system,
    systems, template, tool, tooling, tools, website, workflow, workflows
    """
)

# Things that, counted, measure effort spent or items shipped rather than a result: "4 workshops".
WORK_ITEMS = _set(
    """
    article, blog post, call, commit, demo, deployment, epic, event, experiment, feature, hackathon,
    initiative, interview, meeting, module, post, presentation, project, pull request, release,
    session, sprint, story, story point, task, test, ticket, town hall, training, webinar, workshop
    """
)

# Verbs that name a change in a measure or an achievement: "Increase ...", "Reach ...".
OUTCOME_VERBS = _set(
    """
    achieve, attain, attract, boost, bring, close, convert, cut, decrease, double, drive, drop,
    earn, exceed, expand, gain, generate, get, grow, halve, hit, improve, increase, lift, lower,
    minimise, minimize, obtain, quadruple, raise, reach, reduce, retain, save, secure, shorten,
    shrink, sign, slash, speed up, surpass, trim, triple, win
    """
)

# Outcome verbs that say which way a measure moves; "to N" after them sets a level.
CHANGE_VERBS = _set(
    """
    boost, bring, cut, decrease, drop, grow, improve, increase, lift, lower, raise, reduce,
    shorten, shrink, slash, speed up, trim
    """
)

# Words a key result may open with before its verb: "Successfully launch ...", "We will reduce ...".
LEAD_FILLERS = _set(
    """
    actively, all, collectively, completely, consistently, dramatically, fully, further,
    jointly, significantly, substantially, successfully, team, the, to, we, will
    """
)

# Connectors that put the solution into an objective: "... by adding ...", "... through ...".
PRESCRIBING_PHRASES = (
    "by means of",
    "by way of",
    "with the help of",
    "thanks to",
    "on the back of",
    "via",
    "through",
    "using",
    "leveraging",
    "harnessing",
)
# "through" that is about time or a range, not a means: "through 2027", "follow through".
THROUGH_TIME_WORDS = _set("end, h1, h2, q1, q2, q3, q4, quarter, spring, summer, winter, year")
# Words skipped after "through" before deciding: "through their first week".
THROUGH_DETERMINERS = _set("a, an, entire, first, her, his, its, of, our, rest, the, their, whole")
THROUGH_IDIOMS = _set("break, carry, come, fall, follow, get, pull, see")
# Words ending in -ing that are not gerunds, so "by spring" or "by morning" is not a means.
NOT_GERUNDS = _set(
    """
    anything, bring, ceiling, during, evening, everything, king, morning, nothing, offspring,
    ring, sibling, something, spring, string, thing, things, wing
    """
)
# Gerunds after "by" that describe a state rather than a means ("by being there when it matters").
STATE_GERUNDS = _set("becoming, being, remaining, staying")
# "with a new X" names a solution; these adjectives mark it.
NEW_THINGS = _set("dedicated, improved, modern, new, rebuilt, redesigned, revamped, upgraded")

# Spelled-out numbers and what they are worth.
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
MAGNITUDE_WORDS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 10**9}
# Suffixes written after digits: "10k", "$2M", "3bn".
MAGNITUDE_SUFFIXES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 10**9, "b": 10**9}
# Words that multiply or divide a level: "double", "halve", "cut in half", "tenfold".
MULTIPLIER_WORDS = {
    "double": 2, "doubled": 2, "doubles": 2, "doubling": 2, "twice": 2, "twofold": 2,
    "triple": 3, "tripled": 3, "triples": 3, "tripling": 3, "threefold": 3, "thrice": 3,
    "quadruple": 4, "quadrupled": 4, "fourfold": 4, "fivefold": 5, "tenfold": 10,
    "halve": 0.5, "halved": 0.5, "halves": 0.5, "halving": 0.5, "half": 0.5,
}  # fmt: skip
# Fractions said in words and the whole they divide: "a third", "two fifths of".
FRACTION_WORDS = {
    "half": 2, "halve": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
# Words before "a quarter" that make it a span of time, not a fraction: "within a quarter".
FRACTION_NOT_AFTER = _set("each, every, for, in, last, next, per, that, this, within")
# Idioms with a multiplier word that carry no number.
MULTIPLIER_IDIOMS = (
    "double down",
    "doubling down",
    "doubled down",
    "double-check",
    "double check",
    "double-edged",
    "double-click",
    "first half",
    "second half",
    "half-year",
    "half year",
    "half of the year",
    "half-day",
    "better half",
)

CURRENCY_SYMBOLS = "$€£¥₹"
CURRENCY_CODES = _set("aud, cad, chf, dkk, eur, gbp, jpy, nok, sek, usd")
CURRENCY_WORDS = _set("cents, dollar, dollars, euro, euros, franc, francs, pound, pounds, yen")
PERCENT_WORDS = (
    "percentage points",
    "percentage point",
    "basis points",
    "per cent",
    "percent",
    "pct",
    "pp",
    "bps",
)
# Units of time; "within 3 months" is a time-box, "within 2 hours" a service level.
TIME_UNITS = _set(
    """
    cycle, cycles, day, days, hour, hours, hr, hrs, min, mins, minute, minutes, month, months,
    ms, quarter, quarters, sec, second, seconds, secs, sprint, sprints, week, weeks, year, years
    """
)
TIMEBOX_UNITS = _set("cycle, cycles, month, months, quarter, quarters, week, weeks, year, years")
TIMEBOX_PREPOSITIONS = _set("across, after, before, by, during, for, in, inside, over, within")
TIMEBOX_FILLERS = _set("coming, first, following, last, next, the, upcoming")
# Words before a number that make it part of a name: "ISO 27001", "Tier 1", "Web 3.0".
NAME_PREFIXES = _set(
    """
    article, chapter, gen, generation, iec, industry, iso, level, pci, phase, release, round,
    section, soc, step, tier, v, version, wcag, web, windows
    """
)
# A number followed by one of these words is still a year ("the 2027 plan"), not a count.
YEAR_FOLLOWERS = _set(
    """
    and, budget, cycle, edition, goal, goals, okr, okrs, plan, plans, priorities, priority,
    roadmap, season, strategy, target, targets, vision
    """
)

# Words that make a number a level to reach rather than a count of things gained in the cycle.
LEVEL_WORDS = _set(
    """
    average, avg, coverage, csat, enps, index, level, median, nps, percentage, rate, rating,
    ratio, score, share, speed, time, uptime
    """
)
PERIOD_WORDS = _set("annual, annually, daily, each, monthly, per, quarterly, weekly, yearly")
BOUND_WORDS = _set("above, below, higher, less, lower, more, over, under")
BASELINE_MARKERS = (
    "up from",
    "down from",
    "from",
    "currently",
    "baseline",
    "today",
    "now at",
    "compared to",
    "compared with",
    "versus",
    "vs",
)
RELATIVE_WORDS = _set(
    """
    bigger, cheaper, decrease, drop, faster, fewer, gain, growth, higher, improvement, increase,
    less, lower, more, reduction, slower, uplift
    """
)

# Keeping a level steady: a KPI, not a change.
STEADY_VERBS = _set("maintain, preserve, sustain")
STEADY_HOLDERS = _set("continue, hold, keep, remain, stay")
STEADY_BOUNDS = _set(
    """
    above, at, below, consistently, constant, flat, green, intact, level, over, stable, steady,
    unchanged, under, within
    """
)
# States a share of things is kept in: "keep 100% of permits processed on time" is upkeep.
KEPT_STATES = (
    "on time",
    "on schedule",
    "on track",
    "in stock",
    "in range",
    "in service",
    "up to date",
    "available",
    "compliant",
    "open",
    "running",
    "staffed",
    "working",
)
STEADY_PHRASES = (
    "no more than",
    "no less than",
    "not exceed",
    "never exceed",
    "never drop below",
    "never drops below",
    "never fall below",
    "never falls below",
    "does not drop below",
    "doesn't drop below",
    "not drop below",
    "not fall below",
)

# Cost, spend and headcount cuts.
CUT_VERBS = _set(
    """
    bring down, cut, decrease, downsize, drop, eliminate, freeze, halve, lower, minimise,
    minimize, reduce, save, shed, shrink, slash, trim
    """
)
COST_WORDS = _set(
    """
    budget, budgets, burn, capex, contractors, cost, costs, expenditure, expenditures, expense,
    expenses, fte, ftes, headcount, labor, labour, opex, overhead, overheads, payroll, salaries,
    salary, spend, spending, staff, staffing, team size, workforce
    """
)
# What a balancing key result guards: quality, satisfaction, retention, output.
GUARD_WORDS = _set(
    """
    attrition, availability, bug, bugs, burnout, capacity, churn, complaint, complaints, csat,
    customer effort, defect, defects, delivery, engagement, enps, error, errors, experience,
    happiness, incident, incidents, morale, nps, on-time, output, productivity, quality,
    reliability, resolution, response time, retain, retention, revenue, safety, sales,
    satisfaction, service level, sla, throughput, turnover, uptime, velocity, wait time,
    well-being, wellbeing, accuracy, accurate, accident, accidents, complication, compliance,
    harm, hygiene, infection, infections, injury, injuries, latency, load time, on time, outage,
    outages, punctuality, readmission, readmissions, response, safe, speed, wait, waiting, waits
    """
)
# The people or volume served: another key result counting them guards the output a cut risks.
VOLUME_WORDS = _set(
    """
    account, accounts, client, clients, customer, customers, footfall, member, members, patient,
    patients, residents, transactions, user, users, visitor, visitors, volume
    """
)

# Measures of things failing: reducing them is good, so "reduce water points out of service" aims
# the same way as "raise the share of water points working".
FAILURE_PHRASES = (
    "out of service",
    "out of order",
    "out of stock",
    "not working",
    "not functioning",
    "non-functional",
    "non-working",
    "broken",
    "breakdown",
    "breakdowns",
    "broken down",
    "defective",
    "downtime",
    "failed",
    "failing",
    "failure",
    "failures",
    "faulty",
    "inactive",
    "offline",
    "outage",
    "outages",
    "unavailable",
    "unusable",
)
# Words that say a thing is in working order; left out with the failure words when comparing.
WORKING_STATES = ("functional", "functioning", "in service", "operational", "working", "running")

# Words left out when comparing an objective with a key result (cascade-kr-as-objective).
STOP_WORDS = _set(
    """
    a, about, above, across, after, all, an, and, any, are, as, at, be, become, before, below,
    best, better, between, by, can, class, clear, deliver, do, during, each, end, every, for,
    from, further, great, h1, h2, have, here, how, in, into, is, it, its, level, make, more,
    most, much, new, next, no, not, of, on, or, our, out, over, per, q1, q2, q3, q4, quarter,
    so, than, that, the, their, them, there, they, this, through, to, truly, under, up, us,
    very, we, what, when, where, which, while, who, will, with, within, world, year, your
    """
)
# Words with the same meaning in a key result and a reworded objective.
SYNONYMS = {
    "attrition": "churn",
    "buyer": "customer",
    "client": "customer",
    "clients": "customer",
    "customers": "customer",
    "expense": "cost",
    "expenses": "cost",
    "spend": "cost",
    "spending": "cost",
    "fast": "speed",
    "faster": "speed",
    "quick": "speed",
    "quicker": "speed",
    "slow": "speed",
    "latency": "speed",
    "happy": "satisfaction",
    "happier": "satisfaction",
    "happiness": "satisfaction",
    "satisfied": "satisfaction",
    "csat": "satisfaction",
    "registration": "signup",
    "registrations": "signup",
    "signups": "signup",
    "site": "website",
    "web": "website",
    "staff": "employee",
    "employees": "employee",
    "people": "employee",
}
