"""Who may see and edit the work plans.

Every staff role sees the plans of its scope (the sub-district's plan and its own
community's): the plan is the office's common programme. Sub-district and community
staff (and administrators) edit them: sub-district roles every plan, community staff
their own community's plan only. This module imports no other module of the app.
"""

from typing import Any

from portal.accounts.access import role_required
from portal.accounts.models import Role

#: Roles that write plans, items and milestones.
EDITOR_ROLES = frozenset({Role.SUBDISTRICT_STAFF, Role.COMMUNITY_STAFF, Role.ADMINISTRATOR})

plan_viewer_required = role_required()
plan_editor_required = role_required(*EDITOR_ROLES)


def is_plan_viewer(user: Any) -> bool:
    """Any active staff member (the scope is checked by the fetchers)."""
    return bool(getattr(user, "is_portal_staff", False))


def is_plan_editor(user: Any) -> bool:
    """Staff who write plans: sub-district and community staff, administrators."""
    return bool(is_plan_viewer(user) and (user.is_superuser or user.role in EDITOR_ROLES))


def may_edit_plan(user: Any, plan: Any) -> bool:
    """Whether ``user`` may change ``plan``: an editor whose scope is the plan's (a
    community's staff do not change the sub-district's plan)."""
    if not is_plan_editor(user):
        return False
    return bool(
        user.sees_all_communities or (plan.community_id and plan.community_id == user.community_id)
    )
