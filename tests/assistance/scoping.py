"""The assistance app's community-scoped models, one row each in communities A and B, for
the scoping table of tests/security/test_scoping.py."""

import datetime as dt

from assistance.catalogue import install_catalogue
from assistance.models import (
    Allocation,
    Application,
    Donation,
    Donor,
    Entitlement,
    MedicalClaim,
    MedicalFund,
    Programme,
    Recovery,
    SpecialDisease,
)
from portal.notices.models import Notice, NoticeObjection

# NoticeObjection belongs to the notices app but is the assistance case's objection to its
# 公示; its row needs the kernel world's notice in each community.
SCOPED_MODELS = [
    NoticeObjection,
    Application,
    Entitlement,
    Recovery,
    MedicalClaim,
    Donor,
    Donation,
    Allocation,
]


def scoped_world(resident_a, resident_b, issuer) -> dict:
    """An objection, a case with its entitlement and a recovery, a claim and a donor,
    donation and allocation in each resident's community."""
    install_catalogue(2026)
    programme = Programme.objects.get(code="dibao-urban")
    fund = MedicalFund.objects.create(
        year=2026, budget=100000, cap_per_person=20000, reimbursement_percent=70
    )
    rows: dict = {model: [] for model in SCOPED_MODELS}
    for resident in (resident_a, resident_b):
        community, household = resident.community, resident.household
        rows[NoticeObjection].append(
            NoticeObjection.objects.create(
                notice=Notice.objects.get(community=community), text="异议"
            )
        )
        application = Application.objects.create(
            household=household,
            programme=programme,
            registration_type=household.registration_type,
            reason="困难",
            lookback_months=12,
        )
        rows[Application].append(application)
        rows[Entitlement].append(
            Entitlement.objects.create(
                application=application,
                reason="confirmed",
                effective_from=dt.date(2026, 2, 1),
                pays_from=dt.date(2026, 2, 1),
                monthly_amount=1000,
            )
        )
        rows[Recovery].append(
            Recovery.objects.create(
                application=application,
                from_month=dt.date(2026, 2, 1),
                to_month=dt.date(2026, 3, 1),
                amount=2000,
                reason="隐瞒收入",
                recorded_by=issuer,
                recorded_at=dt.datetime(2026, 4, 1, tzinfo=dt.UTC),
            )
        )
        rows[MedicalClaim].append(
            MedicalClaim.objects.create(
                fund=fund,
                patient=resident,
                disease=SpecialDisease.objects.first(),
                treated_from=dt.date(2026, 3, 1),
                treated_to=dt.date(2026, 3, 2),
                total_cost=1000,
                own_cost=500,
            )
        )
        donor = Donor.objects.create(kind="individual", name="捐赠人", community=community)
        donation = Donation.objects.create(
            donor=donor,
            kind="money",
            received_on=dt.date(2026, 1, 1),
            value=100,
            community=community,
        )
        rows[Donor].append(donor)
        rows[Donation].append(donation)
        rows[Allocation].append(
            Allocation.objects.create(
                donation=donation, household=household, value=50, allocated_on=dt.date(2026, 1, 2)
            )
        )
    return {model: tuple(pair) for model, pair in rows.items()}
