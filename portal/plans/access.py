"""The permission-checked fetchers of the work plans: 404 for a record outside the
viewer's community scope (``portal.accounts.scoping`` logs the attempt), 403 for a
viewer who may see but not change it."""

from typing import Any

from django.core.exceptions import PermissionDenied

from portal.accounts.scoping import get_visible_or_404
from portal.plans.models import Item, Plan
from portal.plans.roles import may_edit_plan


def get_plan_for_user(user: Any, pk: int) -> Plan:
    return get_visible_or_404(Plan.objects.select_related("community"), user, pk=pk)


def get_item_for_user(user: Any, pk: int) -> Item:
    return get_visible_or_404(
        Item.objects.select_related("chapter__plan__community", "owner"), user, pk=pk
    )


def get_plan_to_edit(user: Any, pk: int) -> Plan:
    plan = get_plan_for_user(user, pk)
    if not may_edit_plan(user, plan):
        raise PermissionDenied
    return plan


def get_item_to_edit(user: Any, pk: int) -> Item:
    item = get_item_for_user(user, pk)
    if not may_edit_plan(user, item.chapter.plan):
        raise PermissionDenied
    return item
