"""Messages to one person: always in the portal's inbox, and by e-mail or text message
when the person chose that channel and the account can receive it.

A ``Notification`` is the message as shown in the inbox; each extra channel it goes out
on is a ``Delivery``, sent by a Celery task. Messages name an activity and a time, never
an ID number, a health or an income detail (``services.notify`` refuses ID and phone
numbers; the templates carry nothing else).
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from portal.core import hooks


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user: Any) -> "NotificationQuerySet":
        """The user's own messages; nobody else's, whatever their role."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(recipient=user)

    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One message to one person, as shown in their inbox."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    #: A kind registered by an app (``notification_kinds`` in its config,
    #: portal.core.contract).
    kind = models.CharField(_("kind"), max_length=30)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    # The e-mail's HTML part, rendered with the text so that a later delivery sends
    # exactly what the inbox shows.
    body_html = models.TextField(_("message (HTML)"), blank=True)
    url = models.CharField(
        _("link"),
        max_length=300,
        blank=True,
        help_text=_("A page of the portal, such as /events/12/."),
    )
    # Idempotency: a reminder or an announcement is sent at most once per key.
    key = models.CharField(_("key"), max_length=100, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.subject

    @property
    def kind_label(self) -> str:
        """The kind's name as its app registers it (the code, if the app is gone)."""
        try:
            return str(hooks.notification_kind(self.kind).label)
        except hooks.UnknownKind:
            return self.kind

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def safe_url(self) -> str:
        """The link if it is a path on this site, else "" (never an open redirect)."""
        url = self.url
        if not url.startswith("/") or url.startswith("//") or "\\" in url:
            return ""
        return url if url_has_allowed_host_and_scheme(url, allowed_hosts=None) else ""


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("Text message")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Queued")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("Not sent")
    FAILED = "failed", _("Failed")


class Delivery(models.Model):
    """A message going out on one channel besides the inbox."""

    notification = models.ForeignKey(
        Notification,
        verbose_name=_("message"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("send attempts"), default=0)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # The kind of error only (an exception's text can quote an address).
    error = models.CharField(_("error"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="one_delivery_per_channel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.notification} · {self.get_channel_display()}"


def receivable_channels(user: Any) -> list[str]:
    """The channels besides the inbox this account can receive at all."""
    channels = []
    if user.email:
        channels.append(Channel.EMAIL)
    if user.phone:
        channels.append(Channel.SMS)
    return channels


class ChannelPreferenceQuerySet(models.QuerySet):
    def for_user(self, user: Any) -> "ChannelPreference":
        """The user's stored choice, or the defaults (unsaved) when they never chose."""
        preference = self.filter(user=user).first()
        return preference or ChannelPreference(user=user, **ChannelPreference.defaults_for(user))


class ChannelPreference(models.Model):
    """Which channels a person wants besides the inbox, which is always on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="channel_preference",
    )
    email = models.BooleanField(_("by e-mail"), default=False)
    sms = models.BooleanField(_("by text message"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ChannelPreferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("message channels")
        verbose_name_plural = _("message channels")

    def __str__(self) -> str:
        return str(self.user)

    @staticmethod
    def defaults_for(user: Any) -> dict[str, bool]:
        """Staff read their work mail; residents are not e-mailed unless they ask."""
        return {"email": bool(user.is_portal_staff), "sms": False}

    def chosen_channels(self) -> list[str]:
        """Channels chosen that the account can also receive."""
        chosen = {Channel.EMAIL: self.email, Channel.SMS: self.sms}
        return [channel for channel in receivable_channels(self.user) if chosen[channel]]
