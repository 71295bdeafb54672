"""Who may work in elder care: the app's role predicates and view decorators.

Community and sub-district staff keep the register, assessments, devices, volunteers and
the 高龄津贴 list, and get the app's reports. Care-station operators (bound to their
community) record their stations' services only: the register shows who is 低保 or
特困, which they have no need to know. Family doctors, course coordinators and party
secretaries have no need here.

This module imports no other module of the app: models, services and views all ask it.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from portal.accounts.access import role_required
from portal.accounts.models import Role

#: Roles that keep the register, assessments, devices, volunteers and allowances.
MANAGER_ROLES = frozenset({Role.SUBDISTRICT_STAFF, Role.COMMUNITY_STAFF})
#: Roles that record station services (and see the register they serve).
SERVICE_ROLES = MANAGER_ROLES | {Role.CARE_STATION_OPERATOR}

manager_required = role_required(*MANAGER_ROLES)
service_required = role_required(*SERVICE_ROLES)


def is_eldercare_manager(user: Any) -> bool:
    """Whether ``user`` keeps elder-care records (community or sub-district staff)."""
    return bool(user.is_portal_staff and (user.is_superuser or user.role in MANAGER_ROLES))


def is_eldercare_staff(user: Any) -> bool:
    """Whether ``user`` works in elder care at all (managers and station operators)."""
    return bool(user.is_portal_staff and (user.is_superuser or user.role in SERVICE_ROLES))


def is_station_operator(user: Any) -> bool:
    """The care-station operator's own menu entry (the managers reach the stations from
    the register's tabs)."""
    return bool(user.is_portal_staff and user.role == Role.CARE_STATION_OPERATOR)


def check_scope(user: Any, community_id: int | None) -> None:
    """Refuse (``ValidationError`` code ``other_community``) a record outside ``user``'s
    community: the services' own check, beside the views' fetchers."""
    if not user.is_portal_staff or (
        not user.sees_all_communities and user.community_id != community_id
    ):
        raise ValidationError(
            _("This record belongs to another community."), code="other_community"
        )


def is_volunteer_user(user: Any) -> bool:
    """A signed-in resident whose registry person is a volunteer (the phone pages)."""
    resident_id = getattr(user, "resident_id", None)
    if not user.is_authenticated or not resident_id:
        return False
    from django.apps import apps

    return (
        apps.get_model("eldercare", "Volunteer")
        .objects.filter(resident_id=resident_id, active=True)
        .exists()
    )
