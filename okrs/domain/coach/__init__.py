"""The OKR coach: checks objectives and key results against the guides' drafting guidelines.

Pure Python; no Django. `lint` checks a whole document, `lint_objective` and `lint_key_result` one
draft while it is typed. `RULES` describes every rule; docs/coach-rules.md explains each one.
"""

from okrs.domain.coach.findings import Finding
from okrs.domain.coach.linter import lint, lint_key_result, lint_objective
from okrs.domain.coach.rules import RULES, Rule

__all__ = ["RULES", "Finding", "Rule", "lint", "lint_key_result", "lint_objective"]
