"""Who may work on assistance cases, and the permission-checked fetchers.

Assistance files hold income, health and disability details: only the staff who handle
them (community social workers and sub-district staff) see them; doctors, care-station
operators and the other roles get 403. Confirmation, refusal at confirmation and stopping
payment are the sub-district's (domain-rules §3.2: 审核确认).
"""

import logging
from typing import Any

from assistance.models import Application, Donation, Donor, MedicalClaim
from portal.accounts.access import role_required
from portal.accounts.models import Role
from portal.accounts.scoping import get_visible_or_404
from portal.registry.masking import bank_account_for

audit_log = logging.getLogger("portal.audit")

#: Roles that handle assistance cases (intake to 公示, reviews, claims, charity).
CASEWORKER_ROLES = frozenset({Role.SUBDISTRICT_STAFF, Role.COMMUNITY_STAFF})
#: Roles that confirm, refuse at confirmation, stop payment and set standards.
CONFIRMER_ROLES = frozenset({Role.SUBDISTRICT_STAFF})

caseworker_required = role_required(*CASEWORKER_ROLES)
confirmer_required = role_required(*CONFIRMER_ROLES)


def is_caseworker(user: Any) -> bool:
    return bool(user.is_portal_staff and (user.is_superuser or user.role in CASEWORKER_ROLES))


def is_confirmer(user: Any) -> bool:
    return bool(user.is_portal_staff and (user.is_superuser or user.role in CONFIRMER_ROLES))


def get_application_for_user(user: Any, pk: int) -> Application:
    """Application ``pk`` with its programme and household, if ``user``'s scope covers the
    household's community; ``Http404`` otherwise (and a security log line)."""
    return get_visible_or_404(
        Application.objects.select_related("programme", "household__community"), user, pk=pk
    )


def get_claim_for_user(user: Any, pk: int) -> MedicalClaim:
    return get_visible_or_404(
        MedicalClaim.objects.select_related("fund", "disease", "patient__community"), user, pk=pk
    )


def get_donor_for_user(user: Any, pk: int) -> Donor:
    return get_visible_or_404(Donor.objects.select_related("community"), user, pk=pk)


def get_donation_for_user(user: Any, pk: int) -> Donation:
    return get_visible_or_404(Donation.objects.select_related("donor", "community"), user, pk=pk)


def account_number_shown_to(user: Any, application: Application) -> str:
    """The payee account number as ``user`` may see it: in full for the identity-checking
    roles, who leave one ``portal.audit`` line (ids only), the last four digits otherwise."""
    shown = bank_account_for(user, application.account_number)
    if shown and shown == application.account_number:
        audit_log.info("bank account shown: user=%s application=%s", user.pk, application.pk)
    return shown
