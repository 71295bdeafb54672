"""Who may work in the health app: its role predicates and view decorators.

Health records (follow-ups, registries, vaccinations, the 65+ check) are the most
sensitive data of the portal (domain-rules §7.3): only the family doctors' teams of the
patient's community see them (``is_clinician``). Community and sub-district staff run
the office side (teams, contracts, schedules, bookings, coverage figures) without the
clinical content (``is_health_office``). Care-station operators, Party secretaries and
course coordinators get 403 everywhere in the app; the community scope comes on top,
in ``health.access``.

This module imports no other module of the app.
"""

from typing import Any

from portal.accounts.access import role_required
from portal.accounts.models import Role

#: Roles that read and write health records of their community.
CLINICIAN_ROLES = frozenset({Role.FAMILY_DOCTOR})
#: Roles of the office side: teams, contracts, timetables and bookings, coverage figures.
OFFICE_ROLES = frozenset({Role.FAMILY_DOCTOR, Role.COMMUNITY_STAFF, Role.SUBDISTRICT_STAFF})

clinician_required = role_required(*CLINICIAN_ROLES)
office_required = role_required(*OFFICE_ROLES)


def is_clinician(user: Any) -> bool:
    """Whether ``user`` may see health records (a family doctor, or a superuser)."""
    return bool(
        getattr(user, "is_portal_staff", False)
        and (user.is_superuser or user.role in CLINICIAN_ROLES)
    )


def is_health_office(user: Any) -> bool:
    """Whether ``user`` works on the office side of the health app."""
    return bool(
        getattr(user, "is_portal_staff", False) and (user.is_superuser or user.role in OFFICE_ROLES)
    )
