"""An item's value, share and pace status, from records built by hand.

Party days of community A in 2026 (target 12, the whole year): on 30 June 181 of 365 days
have passed, so the straight line expects 12 × 181 / 365 = 5.95. With the margins at 10 %,
below 5.36 is behind and above 6.55 ahead."""

import datetime as dt
from decimal import Decimal

import pytest

from portal.core.dates import local_datetime
from portal.events.models import EventKind, EventStatus, Registration, RegistrationStatus
from portal.plans import progress
from portal.plans.progress import Pace
from tests.events.factories import EventFactory
from tests.factories import ResidentFactory
from tests.plans.factories import make_chapter, make_measured, make_milestone, make_plan

pytestmark = pytest.mark.django_db
JUNE_30 = dt.date(2026, 6, 30)


def party_day(community, day: dt.date, **kw):
    start = local_datetime(day, dt.time(9))
    return EventFactory(
        kind=EventKind.PARTY_DAY,
        community=community,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        **kw,
    )


@pytest.fixture
def item(community_a):
    return make_measured(make_chapter(make_plan(community_a)))


@pytest.mark.parametrize(
    ("held", "share", "status"),
    [
        (5, Decimal("41.7"), Pace.BEHIND),
        (6, Decimal("50.0"), Pace.ON_PACE),
        (7, Decimal("58.3"), Pace.AHEAD),
    ],
)
def test_value_share_and_pace_on_a_given_date(item, community_a, community_b, held, share, status):
    for i in range(held):
        party_day(community_a, dt.date(2026, 1 + i % 6, 1 + i // 6))
    # Not counted: cancelled, another kind, another community, after the date, last year.
    party_day(community_a, dt.date(2026, 6, 15), status=EventStatus.CANCELLED)
    EventFactory(
        kind=EventKind.LEAGUE,
        community=community_a,
        starts_at=local_datetime(dt.date(2026, 3, 3), dt.time(9)),
        ends_at=local_datetime(dt.date(2026, 3, 3), dt.time(11)),
    )
    party_day(community_b, dt.date(2026, 2, 1))
    party_day(community_a, dt.date(2026, 7, 1))
    party_day(community_a, dt.date(2025, 12, 1))

    result = progress.live_progress(item, JUNE_30)

    assert result.value == Decimal(held)
    assert result.expected == Decimal("5.95")
    assert result.share == share
    assert result.status == status


def test_the_thresholds_are_settings(item, community_a, settings):
    for month in range(1, 6):
        party_day(community_a, dt.date(2026, month, 1))
    settings.PLANS_BEHIND_MARGIN = Decimal("0.20")  # 5 ≥ 5.95 × 0.8 = 4.76
    assert progress.live_progress(item, JUNE_30).status == Pace.ON_PACE


def test_reached_before_not_started_and_the_end_of_the_period(item, community_a):
    item.starts_on, item.due_on = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
    party_day(community_a, dt.date(2026, 2, 1))  # before the period: not counted
    assert progress.live_progress(item, dt.date(2026, 2, 20)).status == Pace.NOT_STARTED
    for day in range(1, 13):
        party_day(community_a, dt.date(2026, 3, day))
    party_day(community_a, dt.date(2026, 4, 2))  # after the period: not counted
    result = progress.live_progress(item, JUNE_30)
    assert (result.value, result.status, result.bar) == (Decimal(12), Pace.REACHED, 100)


def test_the_sub_district_counts_every_community(community_a, community_b):
    item = make_measured(make_chapter(make_plan()))
    party_day(community_a, dt.date(2026, 1, 5))
    party_day(community_b, dt.date(2026, 1, 6))
    party_day(None, dt.date(2026, 1, 7))
    assert progress.count(item, JUNE_30) == 3
    assert progress.count(item, JUNE_30, community_a) == 1


def test_attendance_in_person_times_and_persons(community_a):
    chapter = make_chapter(make_plan(community_a))
    times = make_measured(chapter, key="events.attendance", option="", target=10)
    persons = make_measured(chapter, key="events.attendance_persons", option="", target=10)
    hours = make_measured(chapter, key="events.volunteer_hours", option="", target=10)
    signed = make_measured(chapter, key="events.signups", option="", target=10)
    first, second = (
        party_day(community_a, dt.date(2026, 1, 5)),
        party_day(community_a, dt.date(2026, 2, 5)),
    )
    zhang, li = ResidentFactory(community=community_a), ResidentFactory(community=community_a)
    came = local_datetime(dt.date(2026, 1, 5), dt.time(9))
    for event in (first, second):
        Registration.objects.create(
            event=event,
            resident=zhang,
            status=RegistrationStatus.CONFIRMED,
            attended_at=came,
            hours=Decimal("1.5"),
        )
    Registration.objects.create(event=first, resident=li, status=RegistrationStatus.CONFIRMED)
    assert progress.count(times, JUNE_30) == 2
    assert progress.count(persons, JUNE_30) == 1
    assert progress.count(hours, JUNE_30) == Decimal("3.00")
    assert progress.count(signed, JUNE_30) == 3


def test_a_milestone_is_open_done_or_behind_once_due(community_a):
    item = make_milestone(make_chapter(make_plan(community_a)), due=dt.date(2026, 2, 28))
    assert progress.live_progress(item, dt.date(2026, 2, 1)).status == Pace.OPEN
    assert progress.live_progress(item, dt.date(2026, 3, 1)).status == Pace.BEHIND
    item.done_on, item.evidence_note = dt.date(2026, 2, 20), "会议记录"
    assert progress.live_progress(item, dt.date(2026, 3, 1)).status == Pace.DONE


def test_a_measure_no_app_registers_any_more_is_shown_as_such(item):
    item.measure_key = "eldercare.gone"
    assert progress.live_progress(item, JUNE_30).status == Pace.UNKNOWN
