"""The farmers' information column (为农服务专题): short posts published on the public
site. The plan asks for at least three a week (坚持每周不少于3条); a week with fewer is
told to the course coordinators once (``education.services.column``)."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.dates import local_datetime


class ColumnCategory(models.TextChoices):
    TECHNIQUE = "technique", _("Farming techniques")
    MARKET = "market", _("Market prices")
    POLICY = "policy", _("Policies for farmers")
    JOBS = "jobs", _("Jobs and labour transfer")
    SEASON = "season", _("Seasonal farm work and weather")


class ColumnPostQuerySet(models.QuerySet):
    def published(self, now: dt.datetime | None = None) -> "ColumnPostQuerySet":
        return self.filter(published_at__lte=now or timezone.now(), withdrawn=False)

    def in_week(self, monday: dt.date) -> "ColumnPostQuerySet":
        """Posts published in the week (Monday to Sunday, local time) starting ``monday``."""
        return self.filter(
            withdrawn=False,
            published_at__gte=local_datetime(monday),
            published_at__lt=local_datetime(monday + dt.timedelta(days=7)),
        )


class ColumnPost(models.Model):
    title = models.CharField(_("title"), max_length=120)
    category = models.CharField(_("category"), max_length=12, choices=ColumnCategory.choices)
    body = models.TextField(_("text"), max_length=10000)
    published_at = models.DateTimeField(_("published"), default=timezone.now, db_index=True)
    withdrawn = models.BooleanField(
        _("withdrawn"), default=False, help_text=_("Withdrawn posts leave the public site.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ColumnPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("farmers' column post")
        verbose_name_plural = _("farmers' column posts")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("education:column-detail", kwargs={"pk": self.pk})
