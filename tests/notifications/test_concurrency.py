"""A reminder task run by several workers at once (a redelivered message, beat running
twice) against the real database: one message, one e-mail.

Each thread has its own connection and transaction and they start together at a barrier;
the unique key (and on PostgreSQL the delivery's row lock) keep it to one.
"""

import pytest
from django.core import mail

from portal.events.models import Registration, RegistrationStatus
from portal.notifications import services
from portal.notifications.models import ChannelPreference, Delivery, DeliveryStatus, Notification
from portal.notifications.tasks import event_reminder_send_task
from tests.concurrency import run_at_once
from tests.events.factories import EventFactory, in_days
from tests.factories import CommunityFactory, ResidentFactory, UserFactory

THREADS = 6


@pytest.fixture
def signed_up(transactional_db):
    community = CommunityFactory(name="并发社区", code="091")
    resident = ResidentFactory(community=community)
    user = UserFactory(resident=resident, email="binfa@example.cn")
    ChannelPreference.objects.create(user=user, email=True)
    event = EventFactory(community=community, starts_at=in_days(1))
    return Registration.objects.create(
        event=event, resident=resident, status=RegistrationStatus.CONFIRMED
    )


def test_parallel_reminder_tasks_send_one_message(signed_up):
    results = run_at_once(
        [lambda: event_reminder_send_task.apply(args=[signed_up.pk]).result] * THREADS
    )
    assert len(results) == THREADS
    assert len(set(results)) == 1  # every run names the same message
    assert Notification.objects.count() == 1
    assert Delivery.objects.get().status == DeliveryStatus.SENT
    assert len(mail.outbox) == 1


def test_parallel_deliveries_send_once(signed_up):
    user = signed_up.resident.account
    notification = Notification.objects.create(
        recipient=user, kind="job_finished", subject="报表已生成", body="东南社区月报"
    )
    delivery = Delivery.objects.create(notification=notification, channel="email")
    results = run_at_once([lambda: services.delivery_send(delivery.pk)] * THREADS)
    assert results == [DeliveryStatus.SENT] * THREADS
    assert len(mail.outbox) == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 1
