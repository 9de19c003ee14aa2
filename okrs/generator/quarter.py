"""One quarter of generated OKRs: objectives, alignment, key results, check-ins and final grades."""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from okrs.cycles.models import Cycle
from okrs.domain.progress import is_achieved, key_result_progress
from okrs.domain.rollup import KeyResultInput, objective_progresses
from okrs.evaluation.scoring import computed_score
from okrs.generator.rows import create_all, insert_rows, moments
from okrs.generator.structure import Structure
from okrs.generator.synthetic import paths, wording
from okrs.objectives.models import Alignment, CheckIn, Contribution, KeyResult, Objective

OBJECTIVES_PER_TEAM = (2, 3, 3, 3, 4)
MOONSHOT_SHARE = 0.2
MOONSHOT_PACE = 0.75
DRAFT_SHARE = 0.02
ABANDONED_SHARE = 0.01
SHARED_SHARE = 0.05
LINKED_SHARE = 0.25
STALE_SHARE = 0.1
CHECK_IN_FIELDS = [
    "organization", "key_result", "value", "confidence", "progress_note", "problems_note",
    "plans_note", "author", "checked_in_at", "source",
]  # fmt: skip


@dataclass
class PlannedObjective:
    """An objective to create, with its key results and each one's check-ins."""

    objective: Objective
    level: str
    pace: float
    key_results: list[wording.KeyResultPlan]
    readings: list[list[paths.Reading]] = field(default_factory=list)


class QuarterBuilder:
    """Builds one quarter's OKRs for every team of the structure."""

    def __init__(self, organization, structure: Structure, cycle: Cycle, seed, today: date):
        self.organization = organization
        self.structure = structure
        self.cycle = cycle
        self.seed = seed
        self.today = today
        self.closing = cycle.state == Cycle.State.CLOSED
        self.planned: list[PlannedObjective] = []
        self.progresses: dict[int, float] = {}
        # Days and hours follow the team's place in the plan, not its id, so a seed always gives
        # the same history.
        self.slot = {team.pk: index for index, team in enumerate(structure.teams)}
        self.zone = timezone.get_current_timezone()

    def rng(self, *parts) -> random.Random:
        """Return a random source of its own for one part of the quarter, fixed by the seed."""
        return random.Random("/".join(str(p) for p in (self.seed, self.cycle.name, *parts)))

    def build(self, bar) -> tuple[int, int, int]:
        """Create the quarter's OKRs; return the counts of objectives, key results and check-ins.

        The bar counts each team planned, then the three writes: objectives, key results, check-ins.
        """
        for index, team in enumerate(self.structure.teams):
            self._plan_team(index, team)
            bar.update(1)
        objectives = [p.objective for p in self.planned]
        create_all(Objective, objectives)
        children = self._align()
        self._share()
        bar.update(1)
        key_results = self._key_results(children)
        bar.update(1)
        check_ins = insert_rows(CheckIn, CHECK_IN_FIELDS, self._check_in_rows(key_results))
        bar.update(1)
        return len(objectives), len(key_results), check_ins

    def _plan_team(self, index: int, team) -> None:
        """Plan the team's objectives of the quarter and the path of each key result."""
        rng = self.rng("team", index)
        plan = self.structure.plans[index]
        for _ in range(rng.choice(OBJECTIVES_PER_TEAM)):
            title = wording.objective_title(team.level, plan.topic, rng)
            key_results = wording.key_results(plan.topic, rng.randint(2, 5), rng)
            moonshot = rng.random() < MOONSHOT_SHARE
            draw = rng.random()
            if not self.closing and draw < DRAFT_SHARE:
                status = Objective.State.DRAFT
            elif draw > 1 - ABANDONED_SHARE:
                status = Objective.State.ABANDONED
            else:
                status = Objective.State.ACTIVE
            objective = Objective(
                organization=self.organization,
                cycle=self.cycle,
                team=team,
                title=title,
                ambition="moonshot" if moonshot else "roofshot",
                hypothesis=wording.hypothesis(title, key_results, rng),
                status=status,
            )
            pace = paths.pace(rng) * (MOONSHOT_PACE if moonshot else 1.0)
            planned = PlannedObjective(objective, team.level, pace, key_results)
            planned.readings = [self._readings(planned, kr, team, rng) for kr in key_results]
            self.planned.append(planned)

    def _readings(self, planned, kr: wording.KeyResultPlan, team, rng) -> list[paths.Reading]:
        """Return the key result's weekly check-ins up to the cycle's end or yesterday."""
        status = planned.objective.status
        if status == Objective.State.DRAFT:
            return []
        last = self.cycle.end if self.closing else self.today - timedelta(days=1)
        if status == Objective.State.ABANDONED:
            last = self.cycle.start + (self.cycle.end - self.cycle.start) / 2
        elif not self.closing and rng.random() < STALE_SHARE:
            last -= timedelta(weeks=rng.randint(1, 3))
        days = paths.weekly(self.cycle.start, min(last, self.cycle.end), self.slot[team.pk] % 5)
        pace = max(0.1, planned.pace + rng.gauss(0, 0.15))
        bounds = (self.cycle.start, self.cycle.end)
        closing = self.closing and status != Objective.State.ABANDONED
        return paths.readings(
            kr.type,
            kr.direction,
            kr.start,
            kr.target,
            kr.decimals,
            pace,
            days,
            bounds,
            closing,
            rng,
        )

    def _align(self) -> dict[int, list[Objective]]:
        """Align each strategic objective to a company one and each tactical objective to one of
        its parent team's; return the aligned children of each objective by its id."""
        by_team: dict[int, list[Objective]] = {}
        for planned in self.planned:
            by_team.setdefault(planned.objective.team_id, []).append(planned.objective)
        rows, children = [], {}
        for index, planned in enumerate(self.planned):
            objective = planned.objective
            parents = [p for p in by_team.get(objective.team.parent_id, []) if p.status == "active"]
            if not parents:
                continue
            parent = self.rng("align", index).choice(parents)
            rows.append((self.organization.pk, objective.pk, parent.pk))
            children.setdefault(parent.pk, []).append(objective)
        insert_rows(Alignment, ["organization", "child", "parent"], rows)
        return children

    def _share(self) -> None:
        """Share some tactical objectives with a sibling team (horizontal alignment)."""
        siblings = self.structure.children()
        rows = []
        for index, planned in enumerate(self.planned):
            objective = planned.objective
            rng = self.rng("share", index)
            if planned.level != "tactical" or rng.random() >= SHARED_SHARE:
                continue
            others = [t for t in siblings[objective.team.parent_id] if t.pk != objective.team_id]
            if others:
                rows.append((self.organization.pk, objective.pk, rng.choice(others).pk))
        insert_rows(Contribution, ["organization", "objective", "team"], rows)

    def _key_results(self, children: dict[int, list[Objective]]) -> list[KeyResult]:
        """Create the key results, their latest check-in copied onto them, linked where sensible."""
        key_results = []
        for index, planned in enumerate(self.planned):
            objective = planned.objective
            linked = self._linked_child(index, planned, children.get(objective.pk, []))
            pairs = zip(planned.key_results, planned.readings, strict=True)
            for position, (kr, readings) in enumerate(pairs):
                last = readings[-1] if readings else None
                key_results.append(
                    KeyResult(
                        organization=self.organization,
                        objective=objective,
                        title=kr.title,
                        type=kr.type,
                        unit=kr.unit,
                        start=kr.start,
                        target=kr.target,
                        direction=kr.direction,
                        indicator=kr.indicator,
                        kind=kr.kind,
                        balancing=kr.balancing,
                        position=position,
                        current=last.value if last else kr.start,
                        confidence=last.confidence if last else None,
                        checked_in_at=self._when(objective, last.day) if last else None,
                        linked_objective=linked if position == 0 else None,
                    )
                )
        if self.closing:
            self._grade(key_results)
        create_all(KeyResult, key_results)
        if self.closing:
            self._close_objectives()
        return key_results

    def _linked_child(self, index, planned, children: list[Objective]) -> Objective | None:
        """Return a child objective a strategic objective's first key result takes progress from."""
        rng = self.rng("link", index)
        if planned.level != "strategic" or not children or rng.random() >= LINKED_SHARE:
            return None
        candidates = [c for c in children if c.status == Objective.State.ACTIVE]
        return rng.choice(candidates) if candidates else None

    def _grade(self, key_results: list[KeyResult]) -> None:
        """Grade each key result of the closed quarter from its progress, as closing does."""
        inputs: dict[int, list[KeyResultInput]] = {}
        for kr in key_results:
            own = key_result_progress(
                kr.type, kr.effective_direction(), kr.start, kr.target, kr.current
            )
            inputs.setdefault(kr.objective_id, []).append(
                KeyResultInput(own, kr.weight, kr.linked_objective_id)
            )
        self.progresses = objective_progresses(inputs)
        scored = {p.objective.pk for p in self.planned if p.objective.status != "abandoned"}
        for kr in key_results:
            if kr.objective_id not in scored:
                continue
            progress = self.progresses.get(kr.linked_objective_id or -1)
            if progress is None:
                progress = key_result_progress(
                    kr.type, kr.effective_direction(), kr.start, kr.target, kr.current
                )
            kr.grade = computed_score(progress)

    def _close_objectives(self) -> None:
        """Write each scored objective's final grade and whether it was achieved or closed."""
        finals: dict[tuple[float, str], list[int]] = {}
        for planned in self.planned:
            objective = planned.objective
            if objective.status != Objective.State.ACTIVE:
                continue
            objective.grade = computed_score(self.progresses.get(objective.pk, 0.0))
            achieved = is_achieved(objective.grade / 10, objective.ambition)
            objective.status = Objective.State.ACHIEVED if achieved else Objective.State.CLOSED
            finals.setdefault((objective.grade, objective.status), []).append(objective.pk)
        # Grades come in tenths, so one update per grade and state writes them all.
        for (grade, status), ids in finals.items():
            Objective.objects.filter(pk__in=ids).update(grade=grade, status=status)

    def _when(self, objective: Objective, day: date) -> datetime:
        """Return the moment of a check-in: the team's usual hour on the day."""
        slot = self.slot[objective.team_id]
        return datetime.combine(day, time(8 + slot % 9, (slot * 7) % 60), tzinfo=self.zone)

    def _check_in_rows(self, key_results: list[KeyResult]):
        """Yield each check-in as a row, by a person of the team, with a note now and then."""
        organization_id = self.organization.pk
        moment = moments()
        position = 0
        for index, planned in enumerate(self.planned):
            objective = planned.objective
            authors = self.structure.authors[objective.team_id]
            rng = self.rng("check-ins", index)
            for readings in planned.readings:
                key_result = key_results[position]
                position += 1
                for reading in readings:
                    notes = wording.note(reading.on_pace, rng)
                    at = self._when(objective, reading.day)
                    yield (
                        organization_id,
                        key_result.pk,
                        reading.value,
                        reading.confidence,
                        *notes,
                        rng.choice(authors),
                        moment(at),
                        "",  # a person checked in, not a data source
                    )
