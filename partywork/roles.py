"""Who may work on Party and League records: the Party/League secretary of a community
(scoped to it) and sub-district staff (every community).

Membership of the Party or League is political affiliation: only these roles see it.
Community staff, doctors, care-station operators and course coordinators get 403 on the
app's pages and no panel on the resident page. This module imports nothing of the app.
"""

from typing import Any

from portal.accounts.access import role_required
from portal.accounts.models import Role

PARTY_ROLES = frozenset({Role.PARTY_SECRETARY, Role.SUBDISTRICT_STAFF})

party_worker_required = role_required(*PARTY_ROLES)


def is_party_worker(user: Any) -> bool:
    """Whether ``user`` works on Party and League records (and so may see who is a
    member); the community scope is checked by the fetchers."""
    return bool(
        getattr(user, "is_portal_staff", False) and (user.is_superuser or user.role in PARTY_ROLES)
    )


def is_linked_resident(user: Any) -> bool:
    """A resident account linked to the registry (a member's own pages)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and not user.is_portal_staff
        and user.resident_id
    )
