"""Fixtures shared by the security tests: the community-A objects that URLs are built from."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group

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
    SpecialDisease,
    Status,
    Step,
)
from portal.core.models import OfficialDay, OfficialDayKind
from portal.events.models import HourCertificate, Registration
from portal.notices.models import NoticeObjection
from portal.notifications.models import Notification
from portal.registry.models import RegistryImport
from portal.reports.models import JobStatus, ReportJob, ReportKind
from tests.events.factories import EventFactory
from tests.factories import TagFactory
from tests.guide.factories import ServiceEntryFactory
from tests.notices.factories import NoticeListingFactory, PublicityFactory


@pytest.fixture
def objects(resident_a, household_a, compound_a, community_a, staff_a, resident_b):
    """Community A's records (what an outsider must never reach), plus B's resident so that
    every community has data, and the public content the walk needs (a service entry, a
    published 公示, a public event with a sign-up and an hour certificate), a report, a
    registry import and a staff member's inbox message."""
    notice = PublicityFactory(community=community_a)
    NoticeListingFactory(notice=notice)
    event = EventFactory(community=community_a)
    registration = Registration.objects.create(event=event, resident=resident_a, status="confirmed")
    certificate = HourCertificate.objects.create(
        number="ZYFW-TEST-000001",
        resident=resident_a,
        period_start=event.starts_at.date(),
        period_end=event.starts_at.date(),
        total_hours=2,
        issuer="东南社区居民委员会",
        issued_by=staff_a,
    )
    report = ReportJob.objects.create(
        kind=ReportKind.COMMUNITY_STATISTICS,
        title="社区统计 2026-03 · 东南",
        community=community_a,
        params={"month": "2026-03"},
        requested_by=staff_a,
        status=JobStatus.DONE,
    )
    notification = Notification.objects.create(
        recipient=staff_a, kind="job_finished", subject="报表已生成", body="东南社区月报"
    )
    registry_import = RegistryImport.objects.create(
        original_name="台账.xlsx",
        community=community_a,
        requested_by=staff_a,
        phase="checked",
        status=JobStatus.DONE,
        row_count=1,
    )
    application, objection, claim, donation = _assistance_records(household_a, notice, staff_a)
    from assistance.models import RuleSet

    rule_set = RuleSet.objects.create(
        programme=application.programme, effective_from=dt.date(2026, 1, 1)
    )
    return SimpleNamespace(
        application=application,
        rule_set=rule_set,
        objection=objection,
        claim=claim,
        donation=donation,
        donor=donation.donor,
        registry_import=registry_import,
        report=report,
        notification=notification,
        service=ServiceEntryFactory(slug="dibao"),
        notice=notice,
        event=event,
        registration=registration,
        certificate=certificate,
        resident=resident_a,
        household=household_a,
        compound=compound_a,
        community=community_a,
        sub_district=community_a.sub_district,
        staff=staff_a,
        tag=TagFactory(),
        group=Group.objects.create(name="registry clerks"),
        # Entered in the admin, so with a history row (the migration's rows have none).
        official_day=OfficialDay.objects.create(
            day=dt.date(2027, 1, 1), kind=OfficialDayKind.HOLIDAY, name="元旦"
        ),
        resident_b=resident_b,
    )


def _assistance_records(household, notice, staff):
    """Community A's assistance records: a 低保 case in payment whose 公示 drew an
    objection, a special-disease claim and a donation."""
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
    return application, objection, claim, donation
