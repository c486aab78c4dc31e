"""Coordination gaps: the rule catalogue, the engine that runs it, and reports."""

from graphsvc.gaps.engine import find_gaps, merged_parameters
from graphsvc.gaps.findings import Family, Finding, Severity
from graphsvc.gaps.rules import RULES, Rule, default_parameters, rule

__all__ = [
    "RULES",
    "Family",
    "Finding",
    "Rule",
    "Severity",
    "default_parameters",
    "find_gaps",
    "merged_parameters",
    "rule",
]
