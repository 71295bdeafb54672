"""What the throwaway app contributes through the contract."""

from typing import Any

from celery import shared_task

from portal.accounts.models import Role
from portal.core.contract import PanelLine, ResidentPanel
from portal.core.jobs import BuiltFile
from portal.core.panels import DueLine, Panel


def is_community_staff(user: Any) -> bool:
    return bool(user.is_portal_staff and user.role == Role.COMMUNITY_STAFF)


def staff_panels(user: Any) -> list[Panel]:
    if not is_community_staff(user):
        return []
    return [Panel("Contract panel", "/staff/contract_app/", [DueLine("Things due", 3, "/")])]


def resident_panels(user: Any, resident: Any) -> list[ResidentPanel]:
    if not is_community_staff(user):
        return []
    return [ResidentPanel("Contract resident panel", [PanelLine(f"Knows {resident.name}")])]


def household_panels(user: Any, household: Any) -> list[ResidentPanel]:
    if not is_community_staff(user):
        return []
    return [ResidentPanel("Contract household panel", empty_text="Nothing known")]


def things_count(*, start: Any, end: Any, community: Any = None, option: str = "") -> int:
    return (end - start).days + 1


def report_build(job: Any) -> BuiltFile:
    return BuiltFile("contract.txt", b"contract report", row_count=1)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def tick_task() -> None:
    """A periodic task of the app."""
