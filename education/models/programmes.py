"""Training programmes (培训项目) with yearly targets in person-times (人次) and the
entries that count towards them.

A programme counts in one way (``CountingMethod``): the kernel's attendance of the
classes of its courses, entries of rosters staff type in (an off-site session), entries
imported from a partner's list, or the adult-degree enrolments of the year. Progress is
never typed in as a total: it is always the sum of these records.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.accounts.scoping import CommunityScopedQuerySet

#: Largest yearly target or entry the forms and services take.
MAX_PERSON_TIMES = 1_000_000


class CountingMethod(models.TextChoices):
    ATTENDANCE = "attendance", _("Attendance of its classes")
    ROSTER = "roster", _("Rosters entered by staff")
    IMPORT = "import", _("Imported partner lists")
    DEGREE = "degree", _("Adult-degree enrolments")


class TrainingProgramme(models.Model):
    """A kind of training the plan sets a yearly target for (教师远程培训, 农民实用技术培训…)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("programme"), max_length=100)
    unit = models.CharField(
        _("unit"), max_length=10, default="人次", help_text=_("人次 (person-times) or 人 (people).")
    )
    method = models.CharField(_("counted from"), max_length=12, choices=CountingMethod.choices)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("education:programme-detail", kwargs={"pk": self.pk})

    @property
    def takes_entries(self) -> bool:
        return self.method in (CountingMethod.ROSTER, CountingMethod.IMPORT)


class ProgrammeTarget(models.Model):
    """The yearly target of a programme: set once per year (a change is an edit of this
    row, with its history)."""

    programme = models.ForeignKey(
        TrainingProgramme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="targets",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    target = models.PositiveIntegerField(
        _("target"), validators=[MinValueValidator(1), MaxValueValidator(MAX_PERSON_TIMES)]
    )
    sessions_planned = models.PositiveSmallIntegerField(
        _("sessions planned"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(1000)],
        help_text=_("Optional: how many sessions the year's target is to be reached in."),
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    set_at = models.DateTimeField(_("set at"), auto_now_add=True)

    class Meta:
        verbose_name = _("yearly target")
        verbose_name_plural = _("yearly targets")
        ordering = ["-year", "programme"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "year"],
                name="education_one_target_per_programme_year",
                violation_error_message=_("This programme already has a target for that year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.year}: {self.target}"


class EntrySource(models.TextChoices):
    ROSTER = "roster", _("Roster entered by staff")
    IMPORT = "import", _("Imported partner list")


class TrainingEntryQuerySet(CommunityScopedQuerySet):
    null_community_is_shared = True

    def in_year(self, year: int) -> "TrainingEntryQuerySet":
        return self.filter(held_on__year=year)


class TrainingEntry(models.Model):
    """One training session's count of people (a roster of an off-site session, or a
    line of a partner's list): how many person-times, and how many distinct people."""

    programme = models.ForeignKey(
        TrainingProgramme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    held_on = models.DateField(_("held on"))
    title = models.CharField(_("session"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)
    community = models.ForeignKey(
        "registry.Community",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty for a sub-district-wide session."),
    )
    person_times = models.PositiveIntegerField(
        _("person-times"), validators=[MinValueValidator(1), MaxValueValidator(MAX_PERSON_TIMES)]
    )
    persons = models.PositiveIntegerField(
        _("people"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PERSON_TIMES)],
        help_text=_("Distinct people; at most the person-times."),
    )
    source = models.CharField(_("source"), max_length=10, choices=EntrySource.choices)
    partner = models.CharField(_("partner"), max_length=100, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    objects = TrainingEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("training entry")
        verbose_name_plural = _("training entries")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"
