"""The Plan model and its vocabularies."""

from ehcplan.model.plan import (
    ALL_SECTIONS,
    ITEM_SECTIONS,
    NEED_SECTIONS,
    PROVISION_SECTIONS,
    SECTION_TITLES,
    Item,
    Need,
    Outcome,
    Plan,
    Provision,
    SourceLocation,
)
from ehcplan.model.vocab import AdviceKind, AreaOfNeed, PfaArea, PlanStatus, Pronouns

__all__ = [
    "ALL_SECTIONS",
    "ITEM_SECTIONS",
    "NEED_SECTIONS",
    "PROVISION_SECTIONS",
    "SECTION_TITLES",
    "AdviceKind",
    "AreaOfNeed",
    "Item",
    "Need",
    "Outcome",
    "PfaArea",
    "Plan",
    "PlanStatus",
    "Pronouns",
    "Provision",
    "SourceLocation",
]
