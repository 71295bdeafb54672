"""Fixtures shared by the security tests: the community-A objects that URLs are built from."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group

from portal.events.models import HourCertificate, Registration
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
    return SimpleNamespace(
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
        resident_b=resident_b,
    )
