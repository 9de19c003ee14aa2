"""Rules about teams: how many objectives they hold, how deep they sit, how they score."""

from collections import defaultdict

from okrs.domain.coach.findings import Finding
from okrs.domain.coach.language import listing
from okrs.domain.coach.rules import Context, finding
from okrs.domain.document import LEVELS, Document, ObjectiveDoc, TeamDoc
from okrs.domain.vocabulary import ScoreScale

MAX_LEVELS = 3
# Objectives that take a team's focus; achieved, abandoned and closed ones are done with.
OPEN_STATUSES = ("draft", "active")
PERFECT_SCORE = 10


def _by_team_and_cycle(
    document: Document, statuses: tuple[str, ...]
) -> dict[tuple[str, str], list[ObjectiveDoc]]:
    held: dict[tuple[str, str], list[ObjectiveDoc]] = defaultdict(list)
    for objective in document.objectives:
        if objective.team and objective.status in statuses:
            held[objective.team, objective.cycle].append(objective)
    return held


def _team(document: Document, team_id: str) -> TeamDoc:
    return document.team(team_id) or TeamDoc(team_id, team_id)


def too_many_objectives(document: Document, context: Context) -> list[Finding]:
    """Flag a team holding more open objectives in a cycle than its profile allows."""
    profile = context.profile
    allowed = profile.objectives_per_team
    found = []
    for (team_id, cycle), objectives in _by_team_and_cycle(document, OPEN_STATUSES).items():
        if len(objectives) <= allowed:
            continue
        team = _team(document, team_id)
        ids = listing([o.id for o in objectives])
        limit = "1 at a time" if allowed == 1 else f"up to {allowed}"
        found.append(
            finding(
                "too-many-objectives",
                team.id,
                f"{team.name} holds {len(objectives)} objectives in {cycle} ({ids}); the "
                f"{profile.name} profile allows {limit}.",
                "Fulfil or abandon one objective before taking on the next."
                if allowed == 1
                else f"Pick the {allowed} that matter most this cycle; the rest can wait.",
                team.line,
            )
        )
    return found


def _chain(document: Document, team: TeamDoc) -> tuple[list[TeamDoc], bool]:
    """Return the team and its ancestors, top last, and whether the parent chain loops."""
    chain = [team]
    while chain[-1].parent:
        parent = document.team(chain[-1].parent)
        if parent is None:
            break
        if parent in chain:
            return chain, True
        chain.append(parent)
    return chain, False


def _depth(team: TeamDoc) -> int:
    return LEVELS.index(team.level) if team.level in LEVELS else len(LEVELS)


def too_many_levels(document: Document, context: Context) -> list[Finding]:
    """Flag a team deeper than three levels, or not below its parent's level."""
    found = []
    for team in document.teams:
        chain, loops = _chain(document, team)
        path = " > ".join(t.id for t in reversed(chain))
        parent = chain[1] if len(chain) > 1 else None
        if loops:
            problem = f"{team.id}'s parent chain loops back on itself ({path} > {chain[0].id})"
        elif len(chain) > MAX_LEVELS:
            problem = f"{team.id} sits {len(chain)} levels deep ({path})"
        elif parent and _depth(team) <= _depth(parent):
            problem = (
                f"{team.id} is {team.level} under {parent.id}, which is {parent.level}: a team "
                "sits at a lower level than its parent"
            )
        else:
            continue
        found.append(
            finding(
                "too-many-levels",
                team.id,
                f"{problem}; OKRs have three levels: company, strategic, tactical.",
                "Fold the team into its parent's OKRs, or attach it to a team at the level above.",
                team.line,
            )
        )
    return found


# The objectives whose perfect scores say the goals were safe, per profile. Under P-OKR a
# roofshot is meant to reach 1.0 and only a moonshot aims past what the team knows how to do;
# the OKR Institute and Scaled OKRs score every OKR as aspirational.
STRETCHED = {"p-okr": ("moonshot",)}


def sandbagging(document: Document, context: Context) -> list[Finding]:
    """Note a team whose stretch key results in a cycle all scored 10/10 (moonshots under P-OKR)."""
    found = []
    statuses = ("draft", "active", "achieved", "closed")
    perfect = "1.0" if context.profile.score_scale == ScoreScale.ONE else "10/10"
    stretched = STRETCHED.get(context.profile.slug)
    for (team_id, cycle), held in _by_team_and_cycle(document, statuses).items():
        objectives = [o for o in held if stretched is None or o.ambition in stretched]
        scores = [kr.score for o in objectives for kr in o.key_results]
        if not scores or any(s is None or s < PERFECT_SCORE for s in scores):
            continue
        team = _team(document, team_id)
        if stretched is None:
            which, aim = "Every key result", "0.6 to 0.7 is a strong score for aspirational OKRs"
        else:
            which = f"Every key result of {team.name}'s {listing(list(stretched), 'or')}s"
            aim = f"a moonshot at 70% makes an immense impact; a roofshot is meant for {perfect}"
        whose = f" of {team.name}" if stretched is None else ""
        found.append(
            finding(
                "sandbagging",
                team.id,
                f"{which}{whose} in {cycle} scored {perfect} ({len(scores)} of {len(scores)}): "
                "the goals were not ambitious enough.",
                f"Next cycle, set targets you are not sure to reach: {aim}. Keep scores apart "
                "from pay and ratings.",
                team.line,
            )
        )
    return found


TEAM_RULES = (too_many_objectives, too_many_levels, sandbagging)
