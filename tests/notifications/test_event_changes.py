"""A cancelled or moved activity reaches everyone signed up or waiting: in the inbox and
on the channels each chose, once per person and change, never to people without an
account (staff phone those)."""

import datetime as dt
import logging

import pytest
from django.core import mail

from portal.events import services as event_services
from portal.events.models import Registration, RegistrationStatus
from portal.notifications import reminders
from portal.notifications.models import Delivery, Notification
from tests.factories import ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db


def registration_create(event, resident, status=RegistrationStatus.CONFIRMED):
    return Registration.objects.create(event=event, resident=resident, status=status)


@pytest.fixture
def waiting_user(household_a):
    person = ResidentFactory(community=household_a.community, household=household_a, name="刘芳")
    return UserFactory(username="liufang", resident=person, phone="13912340002")


def test_cancelling_tells_everyone_signed_up_or_waiting_once(
    event_a,
    wants_everything,
    waiting_user,
    resident_b,
    staff_a,
    django_capture_on_commit_callbacks,
    caplog,
):
    caplog.set_level(logging.INFO, logger="portal.sms")
    confirmed = registration_create(event_a, wants_everything.resident)
    waiting = registration_create(event_a, waiting_user.resident, RegistrationStatus.WAITLISTED)
    registration_create(event_a, resident_b)  # no account: staff phone them
    cancelled = registration_create(event_a, ResidentFactory(community=event_a.community))
    cancelled.status = RegistrationStatus.CANCELLED
    cancelled.save()

    with django_capture_on_commit_callbacks(execute=True):
        event_services.event_cancel(event=event_a, by=staff_a, reason="暴雨预警，改期另行通知")

    messages = Notification.objects.filter(kind="event_cancelled")
    assert {m.recipient for m in messages} == {wants_everything, waiting_user}
    mine = messages.get(recipient=wants_everything)
    assert mine.key == f"event-cancelled:{confirmed.pk}"
    assert event_a.title in mine.subject and "取消" in mine.subject
    assert "暴雨预警，改期另行通知" in mine.body
    assert mine.url == "/my/bookings/"
    # Channels as each chose: e-mail and text message for one, the inbox only for the other.
    assert len(mail.outbox) == 1 and "暴雨预警" in mail.outbox[0].body
    assert Delivery.objects.filter(notification=mine).count() == 2
    assert not Delivery.objects.filter(notification__recipient=waiting_user).exists()
    assert messages.get(recipient=waiting_user).key == f"event-cancelled:{waiting.pk}"

    # A task run twice sends nothing more.
    assert reminders.send_event_cancelled(event_a.pk) == 2
    assert Notification.objects.filter(kind="event_cancelled").count() == 2
    assert len(mail.outbox) == 1


def test_moving_an_event_tells_people_once_per_change(
    event_a, linked_resident_user, django_capture_on_commit_callbacks
):
    registration = registration_create(event_a, linked_resident_user.resident)
    old_start = event_a.starts_at

    def save(**changes):
        for name, value in changes.items():
            setattr(event_a, name, value)
        with django_capture_on_commit_callbacks(execute=True):
            event_services.event_update(event=event_a)

    save(description="带上医保卡")  # nothing people need to know
    assert not Notification.objects.exists()

    save(starts_at=old_start + dt.timedelta(days=1), ends_at=event_a.ends_at + dt.timedelta(days=1))
    [moved] = Notification.objects.all()
    assert moved.kind == "event_changed"
    assert moved.key.startswith(f"event-changed:{registration.pk}:")
    assert "新的时间" in moved.body and "原定" in moved.body
    assert "东南社区活动室" in moved.body

    save(title=event_a.title)  # saved again unchanged: no second message
    assert Notification.objects.count() == 1

    save(place="东南社区二楼会议室")
    assert Notification.objects.count() == 2
    latest = Notification.objects.first()
    assert "新的地点：东南社区二楼会议室" in latest.body


def test_a_cancelled_event_is_not_announced_as_changed(
    event_a, linked_resident_user, staff_a, django_capture_on_commit_callbacks
):
    registration_create(event_a, linked_resident_user.resident)
    with django_capture_on_commit_callbacks(execute=True):
        event_services.event_cancel(event=event_a, by=staff_a, reason="场地维修")
    event_a.refresh_from_db()
    event_a.place = "别处"
    with django_capture_on_commit_callbacks(execute=True):
        event_services.event_update(event=event_a)
    assert list(Notification.objects.values_list("kind", flat=True)) == ["event_cancelled"]
