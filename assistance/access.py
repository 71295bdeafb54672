"""The permission-checked fetchers of assistance records: each answers 404 to a user
whose community scope does not cover the record. Who may work on cases at all (the role
predicates and view decorators) is ``assistance.roles``.
"""

import logging
from typing import Any

from assistance.models import Application, Donation, Donor, MedicalClaim, Recovery
from portal.accounts.scoping import get_visible_or_404
from portal.registry.masking import bank_account_for

audit_log = logging.getLogger("portal.audit")


def get_application_for_user(user: Any, pk: int) -> Application:
    """Application ``pk`` with its programme and household, if ``user``'s scope covers the
    household's community; ``Http404`` otherwise (and a security log line)."""
    return get_visible_or_404(
        Application.objects.select_related("programme", "household__community"), user, pk=pk
    )


def get_recovery_for_user(user: Any, pk: int) -> Recovery:
    """追缴 ``pk`` with its case, if ``user``'s scope covers the household's community;
    ``Http404`` otherwise."""
    return get_visible_or_404(
        Recovery.objects.with_repaid().select_related(
            "application__programme", "application__household__community", "recorded_by",
            "settled_by",
        ),
        user,
        pk=pk,
    )  # fmt: skip


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
