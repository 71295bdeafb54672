"""Required meetings (三会一课 and the yearly ones) and their records."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.accounts.scoping import CommunityScopedQuerySet


class MeetingKind(models.TextChoices):
    GENERAL_ASSEMBLY = "general_assembly", _("Branch general assembly")  # 党员大会
    COMMITTEE = "committee", _("Branch committee meeting")  # 支部委员会
    GROUP = "group", _("Party group meeting")  # 党小组会
    LESSON = "lesson", _("Party lesson")  # 党课
    LIFE = "life", _("Organisational life meeting")  # 组织生活会
    APPRAISAL = "appraisal", _("Democratic appraisal of members")  # 民主评议党员


class MeetingQuerySet(CommunityScopedQuerySet):
    community_lookup = "organisation__community"


class Meeting(models.Model):
    """The record of a meeting held: when, who came (members only), topic, minutes and
    resolutions; optionally the kernel event whose attendance gave the attendees."""

    organisation = models.ForeignKey(
        "partywork.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    held_on = models.DateField(_("held on"))
    topic = models.CharField(_("topic"), max_length=200)
    minutes = models.TextField(_("minutes"), blank=True)
    resolutions = models.TextField(_("resolutions"), blank=True)
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    attendees = models.ManyToManyField(
        "registry.Resident", verbose_name=_("attendees"), related_name="+", blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}"

    def get_absolute_url(self) -> str:
        return reverse("partywork:meeting-detail", kwargs={"pk": self.pk})
