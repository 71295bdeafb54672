"""Who may work on assistance cases: the app's role predicates and view decorators.

Assistance files hold income, health and disability details: only the staff who handle
them (community social workers and sub-district staff) see them; doctors, care-station
operators and the other roles get 403. Confirmation, refusal at confirmation and stopping
payment are the sub-district's (domain-rules §3.2: 审核确认).

This module imports no other module of the app, so the models, services and views may
all ask it; the permission-checked fetchers are in ``assistance.access``.
"""

from typing import Any

from portal.accounts.access import role_required
from portal.accounts.models import Role

#: Roles that handle assistance cases (intake to 公示, reviews, claims, charity).
CASEWORKER_ROLES = frozenset({Role.SUBDISTRICT_STAFF, Role.COMMUNITY_STAFF})
#: Roles that confirm, refuse at confirmation, stop payment and set standards.
CONFIRMER_ROLES = frozenset({Role.SUBDISTRICT_STAFF})

caseworker_required = role_required(*CASEWORKER_ROLES)
confirmer_required = role_required(*CONFIRMER_ROLES)


def is_caseworker(user: Any) -> bool:
    """Whether ``user`` handles assistance cases (any active caseworker role, or a
    superuser); the community scope is checked separately, by the fetchers."""
    return bool(user.is_portal_staff and (user.is_superuser or user.role in CASEWORKER_ROLES))


def is_confirmer(user: Any) -> bool:
    """Whether ``user`` confirms, refuses at confirmation and stops payment (sub-district
    staff, or a superuser)."""
    return bool(user.is_portal_staff and (user.is_superuser or user.role in CONFIRMER_ROLES))
