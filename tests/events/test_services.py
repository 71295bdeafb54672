"""The event mechanism's rules, through its services: sign-up under capacity, the waiting
list and its promotion, cancellation, attendance, check-in codes, recurrence, hours."""

import datetime as dt
from contextlib import contextmanager
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone, translation

from portal.events import services
from portal.events.models import (
    Audience,
    Event,
    EventSeries,
    EventStatus,
    Frequency,
    HourCertificate,
    Registration,
    RegistrationStatus,
    star_level,
)
from portal.events.signals import waitlist_promoted
from tests.events.factories import EventFactory, in_days
from tests.factories import TagFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The rules are checked against the English messages (the msgids); the pages'
    tests check that residents read them in Chinese."""
    with translation.override("en"):
        yield


@contextmanager
def refused(code, *, match):
    """The block is refused with a ValidationError of this code and message."""
    with pytest.raises(ValidationError, match=match) as refusal:
        yield refusal
    assert refusal.value.code == code


def registration_create(event, resident, by=None, **kwargs):
    return services.registration_create(event=event, resident=resident, by=by, **kwargs)


# --- capacity and the waiting list ------------------------------------------------------------


def test_places_are_given_until_full_then_the_waiting_list(event_a, neighbours):
    event_a.capacity = 3
    event_a.save()
    statuses = [registration_create(event_a, person).status for person in neighbours]
    assert statuses == ["confirmed"] * 3 + ["waitlisted"] * 2


def test_full_event_without_waiting_list_refuses(event_a, neighbours):
    event_a.capacity = 1
    event_a.waitlist_enabled = False
    event_a.save()
    registration_create(event_a, neighbours[0])
    with refused("event_full", match="full"):
        registration_create(event_a, neighbours[1])
    assert event_a.registrations.count() == 1


def test_unlimited_event_confirms_everyone(event_a, neighbours):
    event_a.capacity = None
    event_a.save()
    assert {registration_create(event_a, person).status for person in neighbours} == {"confirmed"}


def test_second_sign_up_by_the_same_person_is_refused(event_a, resident_a):
    registration_create(event_a, resident_a)
    with refused("already_signed_up", match="already signed up"):
        registration_create(event_a, resident_a)
    assert event_a.registrations.count() == 1


def test_the_database_refuses_two_live_sign_ups_even_past_the_check(event_a, resident_a):
    Registration.objects.create(event=event_a, resident=resident_a, status="confirmed")
    with pytest.raises(IntegrityError):
        Registration.objects.create(event=event_a, resident=resident_a, status="waitlisted")


def test_signing_up_again_after_cancelling_is_allowed(event_a, resident_a):
    registration = registration_create(event_a, resident_a)
    services.registration_cancel(registration=registration, by=None)
    assert registration_create(event_a, resident_a).status == "confirmed"


def test_sign_up_after_the_window_is_refused(event_a, resident_a):
    with refused("signup_closed", match="closed"):
        registration_create(event_a, resident_a, now=event_a.starts_at)
    assert not event_a.registrations.exists()


def test_sign_up_before_the_window_opens_says_when(event_a, resident_a):
    event_a.signup_opens_at = in_days(3, hour=9)
    event_a.save()
    with refused("signup_not_open", match="opens on"):
        registration_create(event_a, resident_a)


def test_cancelled_event_takes_no_sign_ups(event_a, resident_a):
    services.event_cancel(event=event_a, by=None, reason="暴雨预警")
    with refused("event_cancelled", match="cancelled"):
        registration_create(event_a, resident_a)


def test_members_only_event_needs_the_tag(event_a, resident_a, neighbours):
    party = TagFactory(slug="party-test", name="党员")
    event_a.audience = Audience.MEMBERS
    event_a.members_tag = party
    event_a.save()
    with refused("members_only", match="党员"):
        registration_create(event_a, resident_a)
    neighbours[0].tags.add(party)
    assert registration_create(event_a, neighbours[0]).status == "confirmed"


def test_cancelling_a_place_promotes_the_first_on_the_waiting_list(
    event_a, neighbours, django_capture_on_commit_callbacks
):
    event_a.capacity = 2
    event_a.save()
    first, _second, third, fourth = (
        registration_create(event_a, person) for person in neighbours[:4]
    )
    told = []

    def listener(registration, **_):
        told.append(registration.pk)

    waitlist_promoted.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            promoted = services.registration_cancel(registration=first, by=None)
    finally:
        waitlist_promoted.disconnect(listener)
    assert [r.pk for r in promoted] == [third.pk]
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == "confirmed" and third.promoted_at is not None
    assert fourth.status == "waitlisted"
    assert told == [third.pk]  # the hook the inbox fills, after commit
    assert event_a.registrations.confirmed().count() == 2


def test_cancelling_a_waiting_place_promotes_nobody(event_a, neighbours):
    event_a.capacity = 1
    event_a.save()
    registration_create(event_a, neighbours[0])
    waiting = registration_create(event_a, neighbours[1])
    assert services.registration_cancel(registration=waiting, by=None) == []


def test_cancelling_twice_is_refused(event_a, resident_a):
    registration = registration_create(event_a, resident_a)
    services.registration_cancel(registration=registration, by=None)
    with refused("registration_cancelled", match="already cancelled"):
        services.registration_cancel(registration=registration, by=None)


def test_more_places_promote_from_the_waiting_list(event_a, neighbours):
    event_a.capacity = 1
    event_a.save()
    for person in neighbours[:3]:
        registration_create(event_a, person)
    event_a.capacity = 2
    promoted = services.event_update(event=event_a)
    assert len(promoted) == 1
    assert event_a.registrations.confirmed().count() == 2


def test_places_cannot_drop_below_those_signed_up(event_a, neighbours):
    for person in neighbours[:3]:
        registration_create(event_a, person)
    event_a.capacity = 2
    with refused("capacity_below_confirmed", match="3"):
        services.event_update(event=event_a)
    event_a.refresh_from_db()
    assert event_a.capacity == 10


# --- attendance, check-in codes, hours -----------------------------------------------------------


def test_staff_check_in_credits_the_events_volunteer_hours(event_a, resident_a, staff_a):
    event_a.volunteer_hours = Decimal("2.5")
    event_a.save()
    registration = registration_create(event_a, resident_a)
    registration = services.attendance_mark(
        registration=registration, attended=True, by=staff_a, now=event_a.starts_at
    )
    assert registration.attended and registration.hours == Decimal("2.5")
    assert registration.check_in_method == "staff"
    undone = services.attendance_mark(
        registration=registration, attended=False, by=staff_a, now=event_a.starts_at
    )
    assert not undone.attended and undone.hours is None


def test_check_in_cannot_happen_days_before_the_event(event_a, resident_a, staff_a):
    registration = registration_create(event_a, resident_a)
    with refused("check_in_not_open", match="half an hour"):
        services.attendance_mark(registration=registration, attended=True, by=staff_a)


def test_waiting_list_people_cannot_be_checked_in(event_a, neighbours, staff_a):
    event_a.capacity = 1
    event_a.save()
    registration_create(event_a, neighbours[0])
    waiting = registration_create(event_a, neighbours[1])
    with refused("not_confirmed", match="confirmed place"):
        services.attendance_mark(
            registration=waiting, attended=True, by=staff_a, now=event_a.starts_at
        )


def test_check_in_code_marks_attendance(event_a, resident_a):
    registration_create(event_a, resident_a)
    registration = services.registration_check_in(
        event=event_a,
        resident=resident_a,
        code=f" {event_a.check_in_code.lower()} ",
        by=None,
        now=event_a.starts_at + dt.timedelta(minutes=5),
    )
    assert registration.attended and registration.check_in_method == "code"


def test_forged_check_in_code_is_refused_counted_and_then_blocked(event_a, resident_a, settings):
    settings.CHECK_IN_CODE_MAX_FAILURES = 2
    registration = registration_create(event_a, resident_a)
    during = event_a.starts_at + dt.timedelta(minutes=5)
    for _ in range(2):
        with refused("wrong_code", match="not right"):
            services.registration_check_in(
                event=event_a, resident=resident_a, code="AAAAAA", by=None, now=during
            )
    registration.refresh_from_db()
    assert registration.failed_code_attempts == 2 and not registration.attended
    with refused("too_many_wrong_codes", match="Too many"):
        services.registration_check_in(
            event=event_a, resident=resident_a, code=event_a.check_in_code, by=None, now=during
        )


def test_check_in_code_only_works_around_the_event(event_a, resident_a):
    registration_create(event_a, resident_a)
    with refused("check_in_closed", match="half an hour"):
        services.registration_check_in(
            event=event_a, resident=resident_a, code=event_a.check_in_code, by=None
        )


def test_check_in_code_needs_a_confirmed_place(event_a, resident_a):
    with refused("no_confirmed_place", match="no confirmed place"):
        services.registration_check_in(
            event=event_a,
            resident=resident_a,
            code=event_a.check_in_code,
            by=None,
            now=event_a.starts_at,
        )


def test_each_event_gets_its_own_check_in_code(community_a):
    codes = {EventFactory(community=community_a).check_in_code for _ in range(5)}
    assert len(codes) == 5


@pytest.mark.parametrize(
    ("hours", "stars"), [(0, 0), (99.5, 0), (100, 1), (299, 1), (300, 2), (1500, 5)]
)
def test_star_levels_follow_the_thresholds(hours, stars):
    assert star_level(Decimal(hours)) == stars


# --- certificates ------------------------------------------------------------------------------


def _attended(event, resident, hours):
    return Registration.objects.create(
        event=event,
        resident=resident,
        status=RegistrationStatus.CONFIRMED,
        attended_at=event.starts_at,
        hours=Decimal(hours),
    )


def test_certificate_totals_the_period_and_numbers_in_sequence(community_a, resident_a, staff_a):
    this_year = timezone.localdate().year
    tz = timezone.get_current_timezone()
    march = EventFactory(
        community=community_a,
        starts_at=dt.datetime(this_year, 3, 15, 9, tzinfo=tz),
        ends_at=dt.datetime(this_year, 3, 15, 12, tzinfo=tz),
    )
    june = EventFactory(
        community=community_a,
        starts_at=dt.datetime(this_year, 6, 15, 9, tzinfo=tz),
        ends_at=dt.datetime(this_year, 6, 15, 13, tzinfo=tz),
    )
    _attended(march, resident_a, "3")
    _attended(june, resident_a, "4")
    with time_machine.travel(dt.datetime(this_year, 11, 1, 10, tzinfo=tz), tick=False):
        first = services.hour_certificate_issue(
            resident=resident_a,
            start=dt.date(this_year, 1, 1),
            end=dt.date(this_year, 10, 31),
            by=staff_a,
        )
        spring = services.hour_certificate_issue(
            resident=resident_a,
            start=dt.date(this_year, 1, 1),
            end=dt.date(this_year, 4, 30),
            by=staff_a,
        )
    assert first.total_hours == Decimal("7") and spring.total_hours == Decimal("3")
    assert first.number == f"ZYFW-{this_year}-000001"
    assert spring.number == f"ZYFW-{this_year}-000002"
    assert first.issuer == "东南 Residents' Committee"  # 东南社区居民委员会 in Chinese
    assert first.registrations.count() == 2


def test_certificate_for_a_period_without_hours_is_refused(resident_a, staff_a):
    today = timezone.localdate()
    with refused("no_hours", match="No volunteer hours"):
        services.hour_certificate_issue(
            resident=resident_a, start=today.replace(month=1, day=1), end=today, by=staff_a
        )
    assert not HourCertificate.objects.exists()


def test_certificate_period_must_be_in_order_and_past(resident_a, staff_a):
    today = timezone.localdate()
    with refused("period_inverted", match="ends before"):
        services.hour_certificate_issue(
            resident=resident_a, start=today, end=today - dt.timedelta(days=1), by=staff_a
        )
    with refused("period_not_passed", match="passed"):
        services.hour_certificate_issue(
            resident=resident_a, start=today, end=today + dt.timedelta(days=1), by=staff_a
        )


def test_check_in_on_a_certificate_cannot_be_undone(community_a, resident_a, staff_a):
    past = EventFactory(community=community_a, starts_at=in_days(-3), ends_at=in_days(-3, 16))
    registration = _attended(past, resident_a, "2")
    services.hour_certificate_issue(
        resident=resident_a,
        start=timezone.localdate() - dt.timedelta(days=5),
        end=timezone.localdate(),
        by=staff_a,
    )
    with refused("hours_certified", match="certificate"):
        services.attendance_mark(registration=registration, attended=False, by=staff_a)


# --- recurrence --------------------------------------------------------------------------------


def test_weekly_series_makes_each_occurrence_with_its_own_window(community_a, staff_a):
    first = EventFactory.build(
        community=community_a,
        title="每周党员学习",
        starts_at=in_days(2, hour=19),
        ends_at=in_days(2, hour=21),
        signup_closes_at=in_days(2, hour=12),
    )
    events = services.event_create(event=first, by=staff_a, frequency=Frequency.WEEKLY, count=4)
    assert len(events) == 4
    assert [e.starts_at - events[0].starts_at for e in events] == [
        dt.timedelta(weeks=n) for n in range(4)
    ]
    assert all(e.signup_closes_at == e.starts_at - dt.timedelta(hours=7) for e in events)
    assert len({e.series_id for e in events}) == 1
    assert len({e.check_in_code for e in events}) == 4


def test_monthly_series_runs_to_its_last_date(community_a, staff_a):
    start = dt.datetime(2027, 1, 10, 9, tzinfo=timezone.get_current_timezone())
    first = EventFactory.build(
        community=community_a, starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )
    events = services.event_create(
        event=first, by=staff_a, frequency=Frequency.MONTHLY, until=dt.date(2027, 6, 10)
    )
    assert [timezone.localtime(e.starts_at).month for e in events] == [1, 2, 3, 4, 5, 6]
    assert {timezone.localtime(e.starts_at).hour for e in events} == {9}


def test_a_series_that_never_ends_is_refused(community_a, staff_a):
    first = EventFactory.build(community=community_a)
    with refused("series_without_end", match="needs an end"):
        services.event_create(event=first, by=staff_a, frequency=Frequency.WEEKLY)
    assert not Event.objects.exists() and not EventSeries.objects.exists()


def test_a_series_too_long_is_refused(community_a, staff_a, settings):
    settings.EVENT_SERIES_MAX_OCCURRENCES = 10
    first = EventFactory.build(community=community_a)
    with refused("series_too_long", match="10"):
        services.event_create(
            event=first,
            by=staff_a,
            frequency=Frequency.WEEKLY,
            until=timezone.localdate() + dt.timedelta(days=400),
        )
    assert not Event.objects.exists()


def test_monthly_series_on_the_31st_is_refused(community_a, staff_a):
    start = dt.datetime(2027, 1, 31, 9, tzinfo=timezone.get_current_timezone())
    first = EventFactory.build(
        community=community_a, starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )
    with refused("monthly_day_missing", match="28"):
        services.event_create(event=first, by=staff_a, frequency=Frequency.MONTHLY, count=3)


def test_cancelled_event_keeps_its_sign_ups(event_a, resident_a):
    registration_create(event_a, resident_a)
    services.event_cancel(event=event_a, by=None, reason="暴雨预警")
    event_a.refresh_from_db()
    assert event_a.status == EventStatus.CANCELLED
    assert event_a.registrations.active().count() == 1


def test_staff_may_sign_up_a_walk_in_until_the_event_ends(event_a, resident_a, staff_a):
    during = event_a.starts_at + dt.timedelta(minutes=20)
    with refused("signup_closed", match="closed"):
        registration_create(event_a, resident_a, now=during)
    registration = registration_create(event_a, resident_a, by=staff_a, now=during, walk_in=True)
    assert registration.status == "confirmed"
    with refused("signup_closed", match="closed"):
        registration_create(event_a, resident_a, by=staff_a, now=event_a.ends_at, walk_in=True)


def test_members_only_events_are_listed_for_members_and_staff(
    event_a, linked_resident_user, staff_a, staff_b
):
    party = TagFactory(slug="party-list", name="党员")
    event_a.audience = Audience.MEMBERS
    event_a.members_tag = party
    event_a.save()
    assert event_a not in Event.objects.listed_for(None)
    assert event_a not in Event.objects.listed_for(linked_resident_user)
    linked_resident_user.resident.tags.add(party)
    assert event_a in Event.objects.listed_for(linked_resident_user)
    assert event_a in Event.objects.listed_for(staff_a)
    assert event_a not in Event.objects.listed_for(staff_b)


def test_changes_can_reach_the_later_events_of_a_series(community_a, staff_a, neighbours):
    first = EventFactory.build(
        community=community_a, title="党课", starts_at=in_days(2), ends_at=in_days(2, 16)
    )
    events = services.event_create(event=first, by=staff_a, frequency="weekly", count=4)
    second = events[1]
    second.place = "党群服务中心三楼"
    second.capacity = 20
    services.event_update(event=second, following=True)
    places = [e.place for e in Event.objects.filter(series=second.series_id).order_by("starts_at")]
    assert places == ["社区活动室", "党群服务中心三楼", "党群服务中心三楼", "党群服务中心三楼"]
    later = Event.objects.get(pk=events[3].pk)
    assert later.starts_at == events[3].starts_at and later.capacity == 20


def test_series_change_is_all_or_nothing(community_a, staff_a, neighbours):
    first = EventFactory.build(community=community_a, starts_at=in_days(2), ends_at=in_days(2, 16))
    events = services.event_create(event=first, by=staff_a, frequency="weekly", count=3)
    for person in neighbours[:3]:
        registration_create(events[2], person)
    events[0].capacity = 2
    events[0].place = "新地点"
    with refused("capacity_below_confirmed", match="3"):
        services.event_update(event=events[0], following=True)
    assert not Event.objects.filter(place="新地点").exists()


# --- cancelling an event, undoing a cancellation ------------------------------------------


def test_an_event_is_cancelled_only_with_a_reason(event_a, staff_a):
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as refused:
            services.event_cancel(event=event_a, by=staff_a, reason=reason)
        assert refused.value.code == "reason_required"
    services.event_cancel(event=event_a, by=staff_a, reason=" 暴雨 预警 ")
    event_a.refresh_from_db()
    assert event_a.cancellation_reason == "暴雨 预警"
    with pytest.raises(ValidationError) as refused:
        services.event_cancel(event=event_a, by=staff_a, reason="再次")
    assert refused.value.code == "already_cancelled"


def test_a_past_event_cannot_be_cancelled(event_a, staff_a):
    with pytest.raises(ValidationError) as refused:
        services.event_cancel(
            event=event_a, by=staff_a, reason="x", now=event_a.ends_at + dt.timedelta(hours=1)
        )
    assert refused.value.code == "event_over"


def test_only_the_person_who_cancelled_may_undo(event_a, linked_resident_user, staff_a):
    me = linked_resident_user
    mine = registration_create(event_a, me.resident, by=me)
    services.registration_cancel(registration=mine, by=staff_a)
    with pytest.raises(ValidationError) as refused:
        services.registration_restore(registration=mine, by=me)
    assert refused.value.code == "not_yours_to_undo"


def test_undo_after_someone_moved_up_puts_them_on_the_waiting_list(
    event_a, neighbours, linked_resident_user
):
    event_a.capacity = 1
    event_a.save()
    me = linked_resident_user
    mine = registration_create(event_a, me.resident, by=me)
    other = registration_create(event_a, neighbours[0])
    assert other.status == RegistrationStatus.WAITLISTED
    services.registration_cancel(registration=mine, by=me)
    restored = services.registration_restore(registration=mine, by=me)
    assert restored.status == RegistrationStatus.WAITLISTED
    other.refresh_from_db()
    assert other.status == RegistrationStatus.CONFIRMED
    with pytest.raises(ValidationError) as refused:
        services.registration_restore(registration=mine, by=me)
    assert refused.value.code == "not_cancelled"


def test_undo_is_refused_once_the_event_has_started(event_a, linked_resident_user):
    me = linked_resident_user
    mine = registration_create(event_a, me.resident, by=me)
    services.registration_cancel(registration=mine, by=me)
    with pytest.raises(ValidationError) as refused:
        services.registration_restore(
            registration=mine, by=me, now=event_a.starts_at + dt.timedelta(minutes=1)
        )
    assert refused.value.code == "event_started"
