"""``notify`` and ``delivery_send``: the inbox row, the deliveries each person chose, e-mail with
text and HTML, text messages in the log with the number masked, one message per key, and
no ID or mobile number in any message."""

import logging

import pytest
from django.core import mail

from portal.notifications import services
from portal.notifications.models import (
    Channel,
    ChannelPreference,
    Delivery,
    DeliveryStatus,
    Notification,
)
from portal.notifications.tasks import delivery_send_task
from tests.factories import next_id_number

pytestmark = pytest.mark.django_db

JOB = {"title": "月度统计报表", "succeeded": True, "message": "东南社区 2031 年 3 月"}


def notify_job(user, capture, **kwargs):
    with capture(execute=True):
        return services.notify(user, "job_finished", JOB, **kwargs)


def test_inbox_only_by_default_for_a_resident(
    linked_resident_user, django_capture_on_commit_callbacks
):
    linked_resident_user.email = "zhangwei@example.cn"
    linked_resident_user.save()
    notification = notify_job(
        linked_resident_user, django_capture_on_commit_callbacks, url="/inbox/"
    )
    assert notification.recipient == linked_resident_user
    assert notification.kind == "job_finished"
    assert "月度统计报表" in notification.subject
    assert "\n" not in notification.subject
    assert "东南社区 2031 年 3 月" in notification.body
    assert notification.url == "/inbox/"
    assert not notification.is_read
    assert not notification.deliveries.exists()  # residents are not e-mailed unless they ask
    assert mail.outbox == []


def test_staff_with_an_address_get_e_mail_by_default(staff_a, django_capture_on_commit_callbacks):
    staff_a.email = "staff_a@example.cn"
    staff_a.save()
    notification = notify_job(staff_a, django_capture_on_commit_callbacks)
    assert [d.channel for d in notification.deliveries.all()] == [Channel.EMAIL]
    assert len(mail.outbox) == 1


def test_a_delivery_per_chosen_channel(
    wants_everything, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.INFO, logger="portal.sms")
    notification = notify_job(wants_everything, django_capture_on_commit_callbacks)
    deliveries = {d.channel: d for d in notification.deliveries.all()}
    assert set(deliveries) == {Channel.EMAIL, Channel.SMS}
    for delivery in deliveries.values():
        assert delivery.status == DeliveryStatus.SENT
        assert delivery.attempts == 1
        assert delivery.sent_at is not None


def test_e_mail_has_plain_text_and_html(
    wants_everything, django_capture_on_commit_callbacks, mailoutbox
):
    notification = notify_job(wants_everything, django_capture_on_commit_callbacks)
    [message] = mailoutbox
    assert message.to == ["zhangwei@example.cn"]
    assert message.subject == notification.subject
    assert message.body == notification.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert html.startswith("<p>")
    assert "月度统计报表" in html
    assert "style=" not in html
    assert "http" not in message.body  # no PORTAL_BASE_URL: no link


def test_with_the_portals_address_the_e_mail_links_to_its_page(
    wants_everything, django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.PORTAL_BASE_URL = "https://portal.example.gov.cn"
    notify_job(wants_everything, django_capture_on_commit_callbacks, url="/staff/reports/7/")
    [message] = mailoutbox
    link = "https://portal.example.gov.cn/staff/reports/7/"
    assert message.body.endswith(link)
    assert f'<a href="{link}">' in message.alternatives[0][0]


def test_text_message_is_logged_with_the_number_masked(
    wants_everything, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.INFO, logger="portal.sms")
    notification = notify_job(wants_everything, django_capture_on_commit_callbacks)
    [record] = [r for r in caplog.records if r.name == "portal.sms"]
    assert "139****0001" in record.getMessage()
    assert "13912340001" not in caplog.text
    assert notification.body in record.getMessage()


def test_a_channel_the_account_cannot_receive_is_left_out(
    linked_resident_user, django_capture_on_commit_callbacks
):
    """E-mail chosen, but no address: the inbox only (text messages chosen too: sent)."""
    ChannelPreference.objects.create(user=linked_resident_user, email=True, sms=True)
    notification = notify_job(linked_resident_user, django_capture_on_commit_callbacks)
    assert [d.channel for d in notification.deliveries.all()] == [Channel.SMS]


def test_one_message_per_key(wants_everything, django_capture_on_commit_callbacks, mailoutbox):
    first = notify_job(wants_everything, django_capture_on_commit_callbacks, key="report:7")
    again = notify_job(wants_everything, django_capture_on_commit_callbacks, key="report:7")
    assert again.pk == first.pk
    assert Notification.objects.count() == 1
    assert Delivery.objects.count() == 2
    assert len(mailoutbox) == 1


def test_inactive_accounts_get_nothing(linked_resident_user, django_capture_on_commit_callbacks):
    linked_resident_user.is_active = False
    linked_resident_user.save()
    assert notify_job(linked_resident_user, django_capture_on_commit_callbacks) is None
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    "personal",
    [
        next_id_number(),
        "13812345678",
        "138 1234 5678",
        "+86 138-1234-5678",
    ],
)
def test_notify_refuses_id_and_mobile_numbers(linked_resident_user, personal):
    context = {**JOB, "message": f"联系人 {personal}"}
    with pytest.raises(ValueError, match="ID or a mobile number") as raised:
        services.notify(linked_resident_user, "job_finished", context)
    assert personal not in str(raised.value)
    assert not Notification.objects.exists()


def test_notify_refuses_personal_data_in_the_subject(linked_resident_user):
    context = {**JOB, "title": f"核对 {next_id_number()}"}
    with pytest.raises(services.PersonalDataError):
        services.notify(linked_resident_user, "job_finished", context)


def test_notify_refuses_a_link_off_the_site(linked_resident_user):
    with pytest.raises(ValueError, match="path of the portal"):
        services.notify(linked_resident_user, "job_finished", JOB, url="https://evil.example/")


def test_unknown_kind_is_refused(linked_resident_user):
    with pytest.raises(LookupError, match="notification kind"):
        services.notify(linked_resident_user, "../../base", JOB)


def test_failed_job_message(linked_resident_user):
    context = {"title": "居民台账导入", "succeeded": False, "message": ""}
    notification = services.notify(linked_resident_user, "job_finished", context)
    assert "居民台账导入" in notification.subject
    assert (
        notification.subject
        != services.notify(
            linked_resident_user, "job_finished", {**context, "succeeded": True}
        ).subject
    )


def test_a_delivery_is_sent_once(wants_everything, mailoutbox):
    notification = services.notify(wants_everything, "job_finished", JOB)
    delivery = notification.deliveries.get(channel=Channel.EMAIL)
    assert delivery_send_task.apply(args=[delivery.pk]).get() == DeliveryStatus.SENT
    assert delivery_send_task.apply(args=[delivery.pk]).get() == DeliveryStatus.SENT
    assert len(mailoutbox) == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 1


def test_a_channel_turned_off_before_sending_is_skipped(wants_everything, mailoutbox):
    notification = services.notify(wants_everything, "job_finished", JOB)
    ChannelPreference.objects.filter(user=wants_everything).update(email=False)
    delivery = notification.deliveries.get(channel=Channel.EMAIL)
    assert services.delivery_send(delivery.pk) == DeliveryStatus.SKIPPED
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SKIPPED and delivery.attempts == 0
    assert mailoutbox == []


def test_a_failing_gateway_is_retried_then_given_up(
    wants_everything, settings, django_capture_on_commit_callbacks, caplog
):
    settings.SMS_BACKEND = "tests.notifications.backends.BrokenGatewaySmsBackend"
    notification = notify_job(wants_everything, django_capture_on_commit_callbacks)
    delivery = notification.deliveries.get(channel=Channel.SMS)
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == services.MAX_DELIVERY_ATTEMPTS
    assert delivery.error == "ConnectionError"  # not the message, which quotes the number
    assert "13912340001" not in caplog.text
    # The e-mail went out regardless.
    assert notification.deliveries.get(channel=Channel.EMAIL).status == DeliveryStatus.SENT


def test_mark_read_and_mark_all_read(linked_resident_user, staff_a):
    mine = [services.notify(linked_resident_user, "job_finished", JOB) for _ in range(3)]
    theirs = services.notify(staff_a, "job_finished", JOB)
    services.notification_mark_read(mine[0])
    assert Notification.objects.for_user(linked_resident_user).unread().count() == 2
    assert services.notifications_mark_all_read(linked_resident_user) == 2
    assert not Notification.objects.for_user(linked_resident_user).unread().exists()
    theirs.refresh_from_db()
    assert not theirs.is_read
