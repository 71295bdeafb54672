"""Public notices: announcements (公告), public notice periods (公示) with their list of
names, and news (新闻), from the sub-district office or one community.

A notice is written as a draft, published, and may be withdrawn; the public pages show
published notices only. A 公示 runs for a period (公示期, 7 days by default, domain-rules
§3.2) during which anyone may raise an objection; its list shows names masked.
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.accounts.scoping import CommunityScopedQuerySet
from portal.core.logging import mask_text

PERSONAL_NUMBERS_REFUSED = _("Notices may not contain ID numbers or mobile phone numbers.")


def period_days() -> int:
    """Days a 公示 runs (``NOTICE_PERIOD_DAYS``, 7 by default, domain-rules §3.2); a
    setting because local rules differ (some count 5 working days)."""
    return settings.NOTICE_PERIOD_DAYS


def default_period(start: dt.date) -> tuple[dt.date, dt.date]:
    """The 公示期 that starts on ``start``: ``period_days()`` days, both ends included."""
    return start, start + dt.timedelta(days=period_days() - 1)


def contains_personal_numbers(text: str) -> bool:
    """Whether ``text`` holds something that looks like an ID or mobile number."""
    return bool(text) and mask_text(text) != text


class NoticeKind(models.TextChoices):
    ANNOUNCEMENT = "announcement", _("Announcement")
    PUBLICITY = "publicity", _("Public notice")
    NEWS = "news", _("News")


class NoticeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PeriodState(models.TextChoices):
    """Where today falls in a 公示期."""

    UPCOMING = "upcoming", _("Not started yet")
    RUNNING = "running", _("Open for objections")
    OVER = "over", _("Period over")


class NoticeQuerySet(CommunityScopedQuerySet):
    community_lookup = "community"

    def public(self, now: dt.datetime | None = None) -> "NoticeQuerySet":
        """What the public pages show: published, publication time reached, newest first."""
        now = now or timezone.now()
        return self.filter(status=NoticeStatus.PUBLISHED, published_at__lte=now).order_by(
            "-published_at", "-pk"
        )

    def latest_public(self, limit: int = 5, *, now: dt.datetime | None = None) -> list["Notice"]:
        """The newest ``limit`` public notices with their community, in one query (for
        ``notices/includes/latest.html``)."""
        return list(self.public(now).select_related("community")[:limit])


def latest_public(limit: int = 5) -> list["Notice"]:
    """Shortcut for the home page: ``Notice.objects.latest_public(limit)``."""
    return Notice.objects.latest_public(limit)


class Notice(models.Model):
    """One notice of the sub-district office (no community) or of one community."""

    # Allowed status changes; every change goes through :meth:`transition`.
    TRANSITIONS: dict[str, frozenset[str]] = {
        NoticeStatus.DRAFT: frozenset({NoticeStatus.PUBLISHED}),
        NoticeStatus.PUBLISHED: frozenset({NoticeStatus.WITHDRAWN}),
        NoticeStatus.WITHDRAWN: frozenset({NoticeStatus.PUBLISHED}),
    }

    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"), help_text=_("Plain text. Leave a blank line between paragraphs.")
    )
    community = models.ForeignKey(
        "registry.Community",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="notices",
        null=True,
        blank=True,
        help_text=_("Leave blank for a notice of the whole sub-district."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=NoticeStatus.choices, default=NoticeStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    period_starts = models.DateField(_("period starts"), null=True, blank=True)
    period_ends = models.DateField(
        _("period ends"),
        null=True,
        blank=True,
        help_text=_("The public notice period usually runs 7 days, both days included."),
    )
    objection_contact = models.CharField(
        _("where to raise an objection"),
        max_length=200,
        blank=True,
        help_text=_("Office and phone, e.g. 东南社区居委会 0574-88120101."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = NoticeQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "published_at"], name="notice_status_published"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_ends__gte=models.F("period_starts"))
                | models.Q(period_starts__isnull=True)
                | models.Q(period_ends__isnull=True),
                name="notice_period_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Normalise only: the period and objection contact belong to a 公示 alone.
        if self.kind != NoticeKind.PUBLICITY:
            self.period_starts = self.period_ends = None
            self.objection_contact = ""
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("notices:notice-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        for name in ("title", "body"):
            if contains_personal_numbers(getattr(self, name)):
                errors[name] = PERSONAL_NUMBERS_REFUSED
        if self.kind == NoticeKind.PUBLICITY:
            if not self.period_starts:
                errors["period_starts"] = _("A public notice needs the first day of its period.")
            if not self.period_ends:
                errors["period_ends"] = _("A public notice needs the last day of its period.")
            if self.period_starts and self.period_ends and self.period_ends < self.period_starts:
                errors["period_ends"] = _("The period cannot end before it starts.")
        if self.status != NoticeStatus.DRAFT and not self.published_at:
            errors["published_at"] = _("A published notice needs its publication time.")
        if errors:
            raise ValidationError(errors)

    # --- status ----------------------------------------------------------------------------

    def can_transition(self, to: str) -> bool:
        return to in self.TRANSITIONS.get(self.status, frozenset())

    def transition(self, to: str, *, by: Any = None, now: dt.datetime | None = None) -> None:
        """Move to status ``to`` if the map allows it; raise ``ValidationError`` if not.

        Publishing stamps ``published_at`` the first time (a time set beforehand, say in
        the admin, is kept: the notice then appears at that time). Saves the notice, so a
        history row records who made the change; the caller holds the transaction.
        """
        if not self.can_transition(to):
            raise ValidationError(
                _("A notice that is %(current)s cannot become %(target)s.")
                % {
                    "current": self.get_status_display(),
                    "target": NoticeStatus(to).label,
                }
            )
        before = (self.status, self.published_at)
        self.status = to
        if to == NoticeStatus.PUBLISHED and not self.published_at:
            self.published_at = now or timezone.now()
        try:
            self.full_clean()
        except ValidationError:
            self.status, self.published_at = before
            raise
        if by is not None:
            self._history_user = by
        self.save()

    # --- display -----------------------------------------------------------------------------

    @property
    def is_publicity(self) -> bool:
        return self.kind == NoticeKind.PUBLICITY

    @property
    def is_public(self) -> bool:
        return (
            self.status == NoticeStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def period_state_on(self, date: dt.date) -> str | None:
        if not (self.is_publicity and self.period_starts and self.period_ends):
            return None
        if date < self.period_starts:
            return PeriodState.UPCOMING
        if date > self.period_ends:
            return PeriodState.OVER
        return PeriodState.RUNNING

    @property
    def period_state(self) -> str | None:
        """Whether the 公示期 is upcoming, running or over today (None for other kinds)."""
        return self.period_state_on(timezone.localdate())

    @property
    def accepts_objections(self) -> bool:
        """A published 公示 whose period is running takes objections."""
        return self.is_public and self.period_state == PeriodState.RUNNING

    @property
    def period_state_label(self) -> str:
        state = self.period_state
        return PeriodState(state).label if state else ""


class NoticeListing(models.Model):
    """One row of a 公示's list: a person's name as staff typed it and what is proposed.

    The public page shows the name masked (张三 → 张*); staff pages show it in full.
    """

    notice = models.ForeignKey(
        Notice, verbose_name=_("notice"), on_delete=models.CASCADE, related_name="listings"
    )
    name = models.CharField(_("name"), max_length=50)
    detail = models.CharField(
        _("details"),
        max_length=200,
        blank=True,
        help_text=_("e.g. 城市低保 3人 月保障金按标准核定"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("listing row")
        verbose_name_plural = _("listing rows")
        ordering = ["notice", "position", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        for name in ("name", "detail"):
            if contains_personal_numbers(getattr(self, name)):
                errors[name] = PERSONAL_NUMBERS_REFUSED
        notice = self._notice_or_none()
        if notice is not None and notice.kind != NoticeKind.PUBLICITY:
            errors.setdefault("__all__", [_("Only a public notice (公示) has a list of names.")])
        if errors:
            raise ValidationError(errors)

    def _notice_or_none(self) -> Notice | None:
        try:
            return self.notice
        except Notice.DoesNotExist:
            return None


class ObjectionStatus(models.TextChoices):
    #: Recorded and not settled: awaiting triage (受理 or 不予受理), or accepted and under
    #: investigation (``accepted_at`` set) until staff answer it.
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")
    #: 不予受理: staff decided with a reason that it does not reopen the case.
    REJECTED = "rejected", _("Not accepted")


class NoticeObjectionQuerySet(CommunityScopedQuerySet):
    community_lookup = "notice__community"

    def open(self) -> "NoticeObjectionQuerySet":
        return self.filter(status=ObjectionStatus.OPEN)

    def awaiting_triage(self) -> "NoticeObjectionQuerySet":
        return self.open().filter(accepted_at__isnull=True)


class NoticeObjection(models.Model):
    """An objection a resident raised against a 公示 while it ran (domain-rules §3.2).

    Filed on the public page by a resident whose account is linked to the registry, or
    recorded by staff for someone who came in person (``recorded_by``). Staff triage it:
    不予受理 with a reason (status ``rejected``, the reason in ``answer``; the notice stays
    up), or 受理 (``accepted_at``), when the notice's owner (the assistance app, for a 低保
    list) reacts to the ``objection_accepted`` signal by reopening the case. An accepted
    objection stays open until staff answer it with the investigation's finding.
    """

    notice = models.ForeignKey(
        Notice, verbose_name=_("notice"), on_delete=models.PROTECT, related_name="objections"
    )
    text = models.TextField(_("objection"), max_length=2000)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notice_objections",
    )
    raised_by_name = models.CharField(
        _("raised in person by"),
        max_length=50,
        blank=True,
        help_text=_("The name of the person who came to the office, as they gave it."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("raised"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = NoticeObjectionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.notice} {self.created_at:%Y-%m-%d}"

    @property
    def awaits_triage(self) -> bool:
        return self.status == ObjectionStatus.OPEN and self.accepted_at is None

    @property
    def under_investigation(self) -> bool:
        return self.status == ObjectionStatus.OPEN and self.accepted_at is not None
