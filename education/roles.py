"""Who may work in the education app: the role predicates and their view decorators.

The course coordinator (sub-district-wide) runs the community college, the training
programmes, the adult-degree enrolments and the farmers' column; community staff see and
enrol their own community's learners and mark attendance in their community's classes;
sub-district staff may look at everything. This module imports nothing of the app.
"""

from typing import Any

from portal.accounts.access import role_required
from portal.accounts.models import Role

#: Roles that see the education pages (each within their community scope).
EDUCATION_ROLES = frozenset({Role.COURSE_COORDINATOR, Role.COMMUNITY_STAFF, Role.SUBDISTRICT_STAFF})
#: Roles that manage courses, classes, programmes, targets, degrees and the column.
COORDINATOR_ROLES = frozenset({Role.COURSE_COORDINATOR})

education_staff_required = role_required(*EDUCATION_ROLES)
coordinator_required = role_required(*COORDINATOR_ROLES)


def is_education_staff(user: Any) -> bool:
    """Whether ``user`` may open the education staff pages (scope checked separately)."""
    return bool(user.is_portal_staff and (user.is_superuser or user.role in EDUCATION_ROLES))


def is_coordinator(user: Any) -> bool:
    """Whether ``user`` runs the community college and the training programmes."""
    return bool(user.is_portal_staff and (user.is_superuser or user.role in COORDINATOR_ROLES))
