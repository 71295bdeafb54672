"""The day-before reminder and the waiting-list message, run as Celery tasks in-process
with the clock held still: each reaches the inbox once, however often the tasks run."""

import datetime as dt
import logging
from zoneinfo import ZoneInfo

import pytest
import time_machine

from portal.core.dates import local_datetime
from portal.events import services as event_services
from portal.events.models import EventStatus, Registration, RegistrationStatus
from portal.notifications import reminders
from portal.notifications.models import Notification
from portal.notifications.tasks import (
    event_reminder_send_task,
    event_reminders_send_task,
    waitlist_promotion_send_task,
)
from tests.events.factories import EventFactory
from tests.factories import ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
# 07:00 in Shanghai is still the day before in UTC: "tomorrow" must be the local one.
NOW = dt.datetime(2031, 3, 10, 7, 0, tzinfo=SHANGHAI)
TODAY = NOW.date()


def at(days: int, hour: int = 14) -> dt.datetime:
    return local_datetime(TODAY + dt.timedelta(days=days), dt.time(hour))


def registration_create(event, resident, status=RegistrationStatus.CONFIRMED):
    return Registration.objects.create(
        event=event, resident=resident, status=status, created_at=NOW - dt.timedelta(days=3)
    )


def run_sweep(capture) -> int:
    with time_machine.travel(NOW, tick=False), capture(execute=True):
        return event_reminders_send_task.apply().get()


def test_day_before_reminder_reaches_the_inbox_once(
    community_a, linked_resident_user, django_capture_on_commit_callbacks
):
    event = EventFactory(
        community=community_a, title="春季义诊", place="东南社区卫生服务站", starts_at=at(1, 9)
    )
    registration = registration_create(event, linked_resident_user.resident)

    assert run_sweep(django_capture_on_commit_callbacks) == 1
    assert run_sweep(django_capture_on_commit_callbacks) == 0  # already reminded

    [notification] = Notification.objects.filter(recipient=linked_resident_user)
    assert notification.kind == "event_reminder"
    assert notification.key == f"event-reminder:{registration.pk}"
    assert notification.url == event.get_absolute_url()
    assert "春季义诊" in notification.subject
    assert "09:00" in notification.subject
    assert "2031年3月11日 星期二 09:00" in notification.body
    assert "东南社区卫生服务站" in notification.body


def test_the_reminder_task_twice_sends_once(
    event_a, linked_resident_user, django_capture_on_commit_callbacks
):
    registration = registration_create(event_a, linked_resident_user.resident)
    with django_capture_on_commit_callbacks(execute=True):
        first = event_reminder_send_task.apply(args=[registration.pk]).get()
        second = event_reminder_send_task.apply(args=[registration.pk]).get()
    assert first == second
    assert Notification.objects.filter(recipient=linked_resident_user).count() == 1


def test_late_evening_sweep_reminds_an_early_morning_event(
    community_a, linked_resident_user, django_capture_on_commit_callbacks
):
    event = EventFactory(community=community_a, starts_at=at(2, 0) + dt.timedelta(minutes=30))
    registration_create(event, linked_resident_user.resident)
    late = dt.datetime(2031, 3, 11, 23, 30, tzinfo=SHANGHAI)
    with time_machine.travel(late, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert event_reminders_send_task.apply().get() == 1


@pytest.mark.parametrize("days", [0, 2, -1])
def test_no_reminder_for_today_the_day_after_tomorrow_or_the_past(
    community_a, linked_resident_user, django_capture_on_commit_callbacks, days
):
    event = EventFactory(community=community_a, starts_at=at(days, 20))
    registration_create(event, linked_resident_user.resident)
    assert run_sweep(django_capture_on_commit_callbacks) == 0
    assert not Notification.objects.exists()


@pytest.fixture
def three_neighbours(household_a):
    return [ResidentFactory(community=household_a.community, household=household_a) for _ in "abc"]


def test_who_is_due(community_a, linked_resident_user, three_neighbours):
    event = EventFactory(community=community_a, starts_at=at(1))
    cancelled_event = EventFactory(
        community=community_a, starts_at=at(1), status=EventStatus.CANCELLED
    )
    due = registration_create(event, linked_resident_user.resident)
    registration_create(cancelled_event, linked_resident_user.resident)
    waiting, cancelled, no_account = three_neighbours
    UserFactory(resident=waiting)
    registration_create(event, waiting, RegistrationStatus.WAITLISTED)
    UserFactory(resident=cancelled)
    registration_create(event, cancelled, RegistrationStatus.CANCELLED)
    registration_create(event, no_account)
    assert list(reminders.due_event_reminders(NOW)) == [due]


def test_cancelled_sign_up_gets_no_reminder_and_says_why(
    event_a, linked_resident_user, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.INFO, logger="portal.notifications")
    registration = registration_create(event_a, linked_resident_user.resident)
    with django_capture_on_commit_callbacks(execute=True):
        event_services.registration_cancel(registration=registration, by=linked_resident_user)
    # Queued before the cancellation, run after it.
    result = event_reminder_send_task.apply(args=[registration.pk]).get()
    assert result == "skipped: sign-up cancelled"
    assert not Notification.objects.exists()
    [line] = [r.getMessage() for r in caplog.records if r.name == "portal.notifications.reminders"]
    assert line.startswith("event reminder skipped:")
    assert f"registration={registration.pk}" in line
    assert f"event={event_a.pk}" in line
    assert f"resident={registration.resident_id}" in line
    assert "reason=sign-up cancelled" in line


def test_cancelled_event_gets_no_reminder(event_a, linked_resident_user, staff_a):
    registration = registration_create(event_a, linked_resident_user.resident)
    event_services.event_cancel(event=event_a, by=staff_a, reason="暴雨预警")
    result = event_reminder_send_task.apply(args=[registration.pk]).get()
    assert result == "skipped: event cancelled"
    assert not Notification.objects.exists()


def test_no_account_no_reminder(event_a, resident_b):
    registration = registration_create(event_a, resident_b)
    assert event_reminder_send_task.apply(args=[registration.pk]).get() == "skipped: no account"


def test_a_reminder_held_up_past_the_start_is_dropped(event_a, linked_resident_user):
    registration = registration_create(event_a, linked_resident_user.resident)
    with time_machine.travel(event_a.starts_at + dt.timedelta(minutes=5), tick=False):
        result = event_reminder_send_task.apply(args=[registration.pk]).get()
    assert result == "skipped: event already started"


def test_promotion_from_the_waiting_list_is_announced(
    community_a,
    linked_resident_user,
    resident_b,
    staff_a,
    django_capture_on_commit_callbacks,
):
    event = EventFactory(community=community_a, capacity=1, title="书法班")
    first = registration_create(event, resident_b)
    waiting = registration_create(
        event, linked_resident_user.resident, RegistrationStatus.WAITLISTED
    )
    with django_capture_on_commit_callbacks(execute=True):
        promoted = event_services.registration_cancel(registration=first, by=staff_a)
    assert promoted == [waiting]
    [notification] = Notification.objects.filter(recipient=linked_resident_user)
    assert notification.kind == "waitlist_promoted"
    assert notification.key == f"waitlist-promoted:{waiting.pk}"
    assert "书法班" in notification.subject
    assert notification.url == event.get_absolute_url()
    # The signal delivered twice (a retried task) still gives one message.
    waitlist_promotion_send_task.apply(args=[waiting.pk])
    assert Notification.objects.filter(recipient=linked_resident_user).count() == 1


def test_a_promotion_cancelled_before_the_message_is_skipped(event_a, linked_resident_user):
    registration = registration_create(
        event_a, linked_resident_user.resident, RegistrationStatus.CANCELLED
    )
    result = waitlist_promotion_send_task.apply(args=[registration.pk]).get()
    assert result == "skipped: sign-up cancelled"
    assert not Notification.objects.exists()
