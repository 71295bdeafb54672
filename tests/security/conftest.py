"""Fixtures shared by the security tests: the community-A objects that URLs are built from."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group

from portal.events.models import HourCertificate, Registration
from tests.events.factories import EventFactory
from tests.factories import TagFactory
from tests.guide.factories import ServiceEntryFactory
from tests.notices.factories import NoticeListingFactory, PublicityFactory


@pytest.fixture
def objects(resident_a, household_a, compound_a, community_a, staff_a, resident_b):
    """Community A's records (what an outsider must never reach), plus B's resident so that
    every community has data, and the public content the walk needs (a service entry, a
    published 公示, a public event with a sign-up and an hour certificate)."""
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
    return SimpleNamespace(
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
