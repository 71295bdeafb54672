"""The one way to tell a person something: ``notify`` writes the inbox message and queues
a delivery for each extra channel they chose; ``delivery_send`` sends one delivery.

Any app (events, reports, imports) calls ``notify`` with a message kind and the values
its templates need. Messages are rendered once, in the portal's language, and stored, so
that the inbox, the e-mail and the text message say the same thing.
"""

import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from portal.accounts.sms import get_sms_backend
from portal.core import hooks
from portal.core.logging import mask_text
from portal.notifications.models import (
    Channel,
    ChannelPreference,
    Delivery,
    DeliveryStatus,
    Notification,
)

log = logging.getLogger(__name__)

# A delivery that fails is tried again (the task waits longer each time) up to this often.
MAX_DELIVERY_ATTEMPTS = 3
SUBJECT_MAX_LENGTH = Notification._meta.get_field("subject").max_length


class PersonalDataError(ValueError):
    """A message would carry an ID or a mobile number; it is not sent."""


def render_message(kind: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """Subject (one line), plain text and HTML of a message, in the portal's language,
    from ``templates/notifications/<kind>/``. Raises ``hooks.UnknownKind`` (a LookupError)
    for a kind no installed app registers."""
    hooks.notification_kind(kind)
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"notifications/{kind}/subject.txt", context)
        body = render_to_string(f"notifications/{kind}/body.txt", context)
        body_html = render_to_string(f"notifications/{kind}/body.html", context)
    subject = " ".join(subject.split())[:SUBJECT_MAX_LENGTH]
    for text in (subject, body, body_html):
        if mask_text(text) != text:
            # The text itself is not logged or quoted: it holds the number.
            raise PersonalDataError(f"A {kind} message would contain an ID or a mobile number.")
    return subject, body.strip(), body_html.strip()


def notify(
    recipient: Any,
    kind: str,
    context: dict[str, Any],
    *,
    url: str = "",
    key: str | None = None,
) -> Notification | None:
    """Put a message in ``recipient``'s inbox and queue it on the channels they chose.

    ``url`` is a path of the portal the message leads to. With a ``key``, a second call
    (a task run twice, two workers at once) returns the first message and sends nothing.
    Inactive accounts get nothing (returns None). Raises ``PersonalDataError`` (a
    ValueError) when the rendered text contains an ID or mobile number.
    """
    if not recipient.is_active:
        log.info("notification skipped: user=%s kind=%s reason=inactive", recipient.pk, kind)
        return None
    if url and (not url.startswith("/") or url.startswith("//")):
        raise ValueError("A notification links to a path of the portal only.")
    if key is not None and (existing := Notification.objects.filter(key=key).first()):
        return existing
    link = f"{settings.PORTAL_BASE_URL}{url}" if settings.PORTAL_BASE_URL and url else ""
    subject, body, body_html = render_message(kind, {**context, "url": url, "link": link})
    # Imported here: the tasks module imports this one.
    from portal.notifications.tasks import delivery_send_task

    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                kind=kind,
                subject=subject,
                body=body,
                body_html=body_html,
                url=url,
                key=key,
            )
            for channel in ChannelPreference.objects.for_user(recipient).chosen_channels():
                delivery = Delivery.objects.create(notification=notification, channel=channel)
                delivery_send_task.delay_on_commit(delivery.pk)
    except IntegrityError:
        if key is None:
            raise
        # Another worker wrote the same key between the check and the insert; the
        # rolled-back savepoint took its on-commit deliveries with it.
        return Notification.objects.get(key=key)
    log.info("notification: notification=%s user=%s kind=%s", notification.pk, recipient.pk, kind)
    return notification


def _send(delivery: Delivery) -> None:
    notification = delivery.notification
    user = notification.recipient
    if delivery.channel == Channel.EMAIL:
        message = EmailMultiAlternatives(notification.subject, notification.body, to=[user.email])
        if notification.body_html:
            message.attach_alternative(notification.body_html, "text/html")
        message.send()
    else:
        get_sms_backend().send(user.phone, notification.body)


def _skip_reason(delivery: Delivery) -> str:
    user = delivery.notification.recipient
    if not user.is_active:
        return "inactive account"
    if delivery.channel not in ChannelPreference.objects.for_user(user).chosen_channels():
        return "channel turned off or no address"
    return ""


def delivery_send(delivery_id: int) -> str:
    """Send one delivery unless it was sent (or given up) already; returns its status.

    ``pending`` afterwards means the send failed and should be tried again; after
    ``MAX_DELIVERY_ATTEMPTS`` it is ``failed``. A person who since turned the channel
    off, lost the address or was deactivated is ``skipped``. The row stays locked while
    sending, so two workers never send the same delivery.
    """
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("notification__recipient")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None:
            log.warning("delivery skipped: delivery=%s reason=not found", delivery_id)
            return DeliveryStatus.SKIPPED
        if delivery.status != DeliveryStatus.PENDING:
            return delivery.status
        if reason := _skip_reason(delivery):
            delivery.status = DeliveryStatus.SKIPPED
            delivery.error = reason
            delivery.save(update_fields=["status", "error"])
            log.info("delivery skipped: delivery=%s reason=%s", delivery.pk, reason)
            return delivery.status
        delivery.attempts += 1
        try:
            _send(delivery)
        except Exception as error:
            # The kind of error only: its text can quote the address.
            delivery.error = type(error).__name__[:200]
            if delivery.attempts >= MAX_DELIVERY_ATTEMPTS:
                delivery.status = DeliveryStatus.FAILED
            log.warning(
                "delivery failed: delivery=%s channel=%s attempt=%s error=%s",
                delivery.pk,
                delivery.channel,
                delivery.attempts,
                delivery.error,
            )
        else:
            delivery.status = DeliveryStatus.SENT
            delivery.sent_at = timezone.now()
            delivery.error = ""
            log.info("delivery sent: delivery=%s channel=%s", delivery.pk, delivery.channel)
        delivery.save(update_fields=["status", "attempts", "sent_at", "error"])
    return delivery.status


def notification_mark_read(notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )


def notifications_mark_all_read(user: Any) -> int:
    """Mark every unread message of ``user`` read; returns how many."""
    return Notification.objects.for_user(user).unread().update(read_at=timezone.now())
