"""The measures the kernel apps and the assistance app register for the work plans, each
counted from records built by hand."""

import datetime as dt
from decimal import Decimal

import pytest

from assistance.models import RosterMonth
from portal.core import hooks
from portal.core.dates import local_datetime
from portal.notices.models import NoticeKind, NoticeStatus
from tests.assistance.conftest import close_rosters
from tests.assistance.test_roster import two_communities  # noqa: F401 (a fixture)
from tests.notices.factories import NoticeFactory

pytestmark = pytest.mark.django_db
YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def count(key: str, community=None, option: str = "", period=YEAR):
    start, end = period
    spec = hooks.plan_measure(key)
    return hooks.resolve(spec.count)(start=start, end=end, community=community, option=option)


def test_every_app_registers_its_measures():
    keys = set(hooks.plan_measures())
    assert {
        "events.held",
        "events.signups",
        "events.signup_persons",
        "events.attendance",
        "events.attendance_persons",
        "events.volunteer_hours",
        "notices.published",
        "registry.imports",
        "registry.imported_residents",
        "assistance.households_covered",
        "assistance.persons_covered",
        "assistance.amount_paid",
        "assistance.temporary_cases",
    } <= keys
    for spec in hooks.plan_measures().values():
        assert callable(hooks.resolve(spec.count)), spec.key
        assert spec.key.split(".")[0] and spec.unit


def test_notices_published_by_kind_and_community(community_a, community_b):
    published = local_datetime(dt.date(2026, 3, 1), dt.time(9))
    NoticeFactory(
        community=community_a,
        kind=NoticeKind.NEWS,
        status=NoticeStatus.PUBLISHED,
        published_at=published,
    )
    NoticeFactory(
        community=community_b,
        kind=NoticeKind.ANNOUNCEMENT,
        status=NoticeStatus.WITHDRAWN,
        published_at=published,
    )
    NoticeFactory(
        community=community_a, kind=NoticeKind.NEWS, status=NoticeStatus.DRAFT, published_at=None
    )
    assert count("notices.published") == 2
    assert count("notices.published", community_a) == 1
    assert count("notices.published", option="announcement") == 1
    assert count("notices.published", period=(dt.date(2026, 3, 2), dt.date(2026, 12, 31))) == 0


@pytest.mark.usefixtures("two_communities")
def test_assistance_households_persons_temporary_cases_and_amounts(community_a, subdistrict_user):
    assert count("assistance.households_covered", option="subsistence") == 2
    assert count("assistance.households_covered", community_a, option="subsistence") == 1
    assert count("assistance.persons_covered", option="subsistence") == 3
    assert count("assistance.temporary_cases") == 1
    assert (
        count("assistance.households_covered", period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
        == 0
    )
    close_rosters(dt.date(2026, 3, 1), dt.date(2026, 3, 1), subdistrict_user)
    paid = RosterMonth.objects.get(month=dt.date(2026, 3, 1)).total
    assert count("assistance.amount_paid") == paid > Decimal(0)
    assert count("assistance.amount_paid", period=(dt.date(2026, 4, 1), dt.date(2026, 12, 31))) == 0


def test_registry_imports_written(community_a):
    from portal.core.jobs import JobStatus
    from portal.registry.models import ImportPhase, RegistryImport

    done = local_datetime(dt.date(2026, 5, 5), dt.time(10))
    RegistryImport.objects.create(
        original_name="东南.xlsx",
        community=community_a,
        phase=ImportPhase.COMMITTED,
        status=JobStatus.DONE,
        finished_at=done,
        residents_created=5,
    )
    RegistryImport.objects.create(  # checked only: not written
        original_name="雅苑.xlsx",
        phase=ImportPhase.CHECKED,
        status=JobStatus.DONE,
        finished_at=done,
    )
    assert count("registry.imports") == 1
    assert count("registry.imported_residents", community_a) == 5
