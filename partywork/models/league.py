"""The Youth League's contests (the June 1 drawing and essay contest): entries by age
group, judging and results."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.accounts.scoping import CommunityScopedQuerySet


class ContestQuerySet(CommunityScopedQuerySet):
    community_lookup = "organisation__community"


class Contest(models.Model):
    organisation = models.ForeignKey(
        "partywork.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="contests",
    )
    title = models.CharField(_("title"), max_length=120)
    held_on = models.DateField(_("held on"))
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ContestQuerySet.as_manager()

    class Meta:
        verbose_name = _("contest")
        verbose_name_plural = _("contests")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partywork:contest-detail", kwargs={"pk": self.pk})


class EntryCategory(models.TextChoices):
    DRAWING = "drawing", _("Drawing")
    ESSAY = "essay", _("Essay")
    PERFORMANCE = "performance", _("Performance")


class Award(models.TextChoices):
    FIRST = "first", _("First prize")
    SECOND = "second", _("Second prize")
    THIRD = "third", _("Third prize")
    MERIT = "merit", _("Honourable mention")


class ContestEntryQuerySet(CommunityScopedQuerySet):
    community_lookup = "contest__organisation__community"


class ContestEntry(models.Model):
    contest = models.ForeignKey(
        Contest, verbose_name=_("contest"), on_delete=models.CASCADE, related_name="entries"
    )
    entrant = models.ForeignKey(
        "registry.Resident", verbose_name=_("entrant"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(_("category"), max_length=20, choices=EntryCategory.choices)
    title = models.CharField(_("title of the work"), max_length=120)
    #: "6-9": the age group of the entrant on the contest day (from the settings).
    age_group = models.CharField(_("age group"), max_length=10, editable=False)
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    award = models.CharField(_("award"), max_length=10, choices=Award.choices, blank=True)

    objects = ContestEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("contest entry")
        verbose_name_plural = _("contest entries")
        ordering = ["contest", "category", "age_group", "-score", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "entrant", "category"], name="partywork_one_entry_per_category"
            )
        ]

    def __str__(self) -> str:
        return self.title
