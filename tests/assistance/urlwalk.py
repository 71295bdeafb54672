"""The assistance app's part of the URL walk (collected by tests/security/urlwalk.py):
how to fill each of its routes that takes arguments, and the records they name."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from assistance.catalogue import install_catalogue
from assistance.models import (
    Allocation,
    Application,
    Asset,
    Donation,
    Donor,
    Entitlement,
    IncomeItem,
    MedicalClaim,
    MedicalFund,
    Member,
    Obligor,
    Programme,
    Recovery,
    RuleSet,
    SpecialDisease,
    Status,
    Step,
)
from portal.notices.models import NoticeObjection

ARGUMENTS = {
    **{
        f"assistance:{name}": lambda o: {"pk": o.application.pk}
        for name in (
            "application-detail",
            "application-survey",
            "application-step",
            "application-account",
            "application-expenses",
            "application-special-decision",
        )
    },
    # The member pages need a case whose survey is open (the paying case is sent back).
    "assistance:application-members": lambda o: {"pk": o.surveyed.pk},
    "assistance:application-prior": lambda o: {"pk": o.surveyed.pk},
    "assistance:application-member-remove": lambda o: {"pk": o.surveyed.pk},
    "assistance:recovery-detail": lambda o: {"pk": o.recovery.pk},
    "assistance:recovery-repay": lambda o: {"pk": o.recovery.pk},
    "assistance:recovery-settle": lambda o: {"pk": o.recovery.pk},
    "assistance:recovery-record": lambda o: {"pk": o.application.pk},
    "assistance:objection-answer": lambda o: {"pk": o.objection.pk},
    "assistance:objection-accept": lambda o: {"pk": o.objection.pk},
    "assistance:objection-reject": lambda o: {"pk": o.objection.pk},
    "assistance:objection-record": lambda o: {"pk": o.application.pk},
    "assistance:claim-detail": lambda o: {"pk": o.claim.pk},
    "assistance:claim-decide": lambda o: {"pk": o.claim.pk},
    "assistance:donation-detail": lambda o: {"pk": o.donation.pk},
    "assistance:allocation-create": lambda o: {"pk": o.donation.pk},
    "assistance:donor-detail": lambda o: {"pk": o.donor.pk},
}


def walk_objects(o: SimpleNamespace) -> dict[str, Any]:
    """Community A's assistance records: a 低保 case in payment whose 公示 (the notices
    app's walk object) drew an objection, a special-disease claim and a donation."""
    household, notice, staff = o.household, o.notice, o.staff
    install_catalogue(2026)
    application = Application.objects.create(
        household=household,
        programme=Programme.objects.get(code="dibao-urban"),
        status=Status.PAYING,
        registration_type=household.registration_type,
        reason="失业",
        lookback_months=12,
        certificate_number="CS20260001",
        proposed_amount=Decimal("1200"),
        payment_starts=dt.date(2026, 2, 1),
    )
    Step.objects.create(
        application=application,
        from_status="reviewed",
        to_status="publicity",
        notice=notice,
        by=staff,
    )
    Entitlement.objects.create(
        application=application,
        reason="confirmed",
        effective_from=dt.date(2026, 2, 1),
        pays_from=dt.date(2026, 2, 1),
        monthly_amount=Decimal("1200"),
    )
    member = Member.objects.create(application=application, resident=household.members.first())
    IncomeItem.objects.create(
        application=application, member=member, category="wages", description="工资", amount=9000
    )
    Asset.objects.create(application=application, kind="deposit", description="存款", value=3000)
    Obligor.objects.create(application=application, name="张大伟", relation="儿子")
    objection = NoticeObjection.objects.create(notice=notice, text="有车辆未申报")
    fund = MedicalFund.objects.create(
        year=2026,
        budget=Decimal("300000"),
        cap_per_person=Decimal("50000"),
        reimbursement_percent=70,
    )
    claim = MedicalClaim.objects.create(
        fund=fund,
        patient=household.members.first(),
        disease=SpecialDisease.objects.first(),
        treated_from=dt.date(2026, 3, 1),
        treated_to=dt.date(2026, 3, 20),
        total_cost=Decimal("20000"),
        own_cost=Decimal("8000"),
        amount=Decimal("5600"),
        created_by=staff,
    )
    donor = Donor.objects.create(kind="individual", name="陈先生", community=household.community)
    donation = Donation.objects.create(
        donor=donor,
        kind="money",
        received_on=dt.date(2026, 1, 20),
        value=Decimal("5000"),
        community=household.community,
    )
    Allocation.objects.create(
        donation=donation,
        household=household,
        value=Decimal("1000"),
        allocated_on=dt.date(2026, 2, 1),
    )
    # A dated rules row, so the admin's history pages of the rules have one to show.
    rule_set = RuleSet.objects.create(
        programme=application.programme, effective_from=dt.date(2026, 1, 1)
    )
    # A temporary-assistance case under investigation: its survey (and members) are open.
    surveyed = Application.objects.create(
        household=household,
        programme=Programme.objects.get(code="temporary-emergency"),
        status=Status.ACCEPTED,
        registration_type=household.registration_type,
        reason="火灾",
        lookback_months=12,
        requested_amount=Decimal("3000"),
    )
    Member.objects.create(application=surveyed, resident=household.members.first())
    recovery = Recovery.objects.create(
        application=application,
        from_month=dt.date(2026, 2, 1),
        to_month=dt.date(2026, 3, 1),
        amount=Decimal("2400"),
        reason="隐瞒收入",
        recorded_by=staff,
        recorded_at=dt.datetime(2026, 4, 1, tzinfo=dt.UTC),
    )
    return {
        "application": application,
        "recovery": recovery,
        "surveyed": surveyed,
        "rule_set": rule_set,
        "objection": objection,
        "claim": claim,
        "donation": donation,
        "donor": donor,
    }


# Rows of the URL walk's tables (tests/security/test_url_walk.py).
PUBLIC = {
    "assistance:charity-public": ({200}, {405}),
    "assistance:charity-moved": ({301}, {301}),  # the old /charity/ address
}
RESIDENT_PAGES = {"assistance:temporary-request", "assistance:my-applications"}
SUB_DISTRICT_ONLY = {"assistance:claim-decide"}

# Rows of the fuzz pass's tables (tests/security/test_fuzz.py): forms submitted to their view.
FORM_VIEWS = {
    "ApplicationFilterForm": ("assistance:application-list", "get", None),
    "StepForm": ("assistance:application-step", "post", lambda o: [o.application.pk]),
    "ObjectionAnswerForm": ("assistance:objection-answer", "post", lambda o: [o.objection.pk]),
    "ObjectionRejectForm": ("assistance:objection-reject", "post", lambda o: [o.objection.pk]),
    "ObjectionRecordForm": ("assistance:objection-record", "post", lambda o: [o.application.pk]),
    "StandardForm": ("assistance:standard-list", "post", None),
    "RosterRequestForm": ("assistance:roster", "post", None),
    "ClaimFilterForm": ("assistance:claim-list", "get", None),
    "DonorForm": ("assistance:donor-create", "post", None),
    "DonationForm": ("assistance:donation-create", "post", None),
    "AllocationForm": ("assistance:allocation-create", "post", lambda o: [o.donation.pk]),
    "DonationFilterForm": ("assistance:donation-list", "get", None),
    "DonorFilterForm": ("assistance:donor-list", "get", None),
    "MemberAddForm": ("assistance:application-members", "post", lambda o: [o.surveyed.pk]),
    "MemberRemoveForm": ("assistance:application-member-remove", "post", lambda o: [o.surveyed.pk]),
    "BatchPublishForm": ("assistance:application-batch-publish", "post", None),
    "RepaymentForm": ("assistance:recovery-repay", "post", lambda o: [o.recovery.pk]),
    "RecoverySettleForm": ("assistance:recovery-settle", "post", lambda o: [o.recovery.pk]),
    "RecoveryRecordForm": ("assistance:recovery-record", "post", lambda o: [o.application.pk]),
    "PriorAssistanceForm": ("assistance:application-prior", "post", lambda o: [o.surveyed.pk]),
}
