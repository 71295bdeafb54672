"""The community college (社区学院): courses, their classes (terms) held as recurring
kernel events, enrolment for the whole class with a waiting list, and completion
certificates (结业证书).

A class's sessions are ``portal.events.Event`` rows of one ``EventSeries`` (kind
``CLASS``, organised by this app, taking no sign-ups of their own); an enrolment gives
the learner a confirmed kernel sign-up for every session, so attendance is the kernel's
``attendance_mark`` and every figure counts the kernel's attended sign-ups.
"""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.scoping import CommunityScopedQuerySet
from portal.events.models import Event, EventStatus, Registration


def completion_percent() -> int:
    """The completion rule: the share of a class's sessions a learner must attend (%),
    ``EDUCATION_COMPLETION_PERCENT`` (80 by default)."""
    return int(getattr(settings, "EDUCATION_COMPLETION_PERCENT", 80))


def meets_completion(attended: int, sessions: int) -> bool:
    """Whether ``attended`` of ``sessions`` meets the completion rule (integer arithmetic:
    8 of 10 at 80 % passes, 7 of 10 does not)."""
    return sessions > 0 and attended * 100 >= completion_percent() * sessions


class CourseCategory(models.TextChoices):
    # Skills training and continuing education (技能培训).
    COMPUTER = "computer", _("Computing")
    ECOMMERCE = "ecommerce", _("E-commerce")
    DRIVING = "driving", _("Driving and car repair")
    TOURISM = "tourism", _("Tourism services")
    ACCOUNTING = "accounting", _("Accounting qualification")
    ELECTRICAL = "electrical", _("Electronics and electrics")
    # Social education themes (社会教育).
    HEALTH = "health", _("Health education")
    YOUTH = "youth", _("Out-of-school youth education")
    ELDERLY = "elderly", _("Elderly education")
    LAW = "law", _("Legal education")
    POPULATION = "population", _("Population education")
    SCIENCE = "science", _("Popular science")
    PARTY = "party", _("Party member education")
    CULTURE = "culture", _("Culture and sports")


SKILL_CATEGORIES = frozenset(
    {
        CourseCategory.COMPUTER,
        CourseCategory.ECOMMERCE,
        CourseCategory.DRIVING,
        CourseCategory.TOURISM,
        CourseCategory.ACCOUNTING,
        CourseCategory.ELECTRICAL,
    }
)


class CourseQuerySet(CommunityScopedQuerySet):
    # A course of the sub-district's community college (no community) is every staff's.
    null_community_is_shared = True

    def active(self) -> "CourseQuerySet":
        return self.filter(active=True)


class Course(models.Model):
    """A course of the community college: what is taught, by whom, where, how long."""

    name = models.CharField(_("course"), max_length=100)
    category = models.CharField(_("category"), max_length=20, choices=CourseCategory.choices)
    community = models.ForeignKey(
        "registry.Community",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty for a course of the sub-district's community college."),
    )
    teacher = models.CharField(_("teacher"), max_length=50)
    place = models.CharField(_("place"), max_length=200)
    hours = models.PositiveSmallIntegerField(
        _("class hours"), validators=[MinValueValidator(1), MaxValueValidator(2000)]
    )
    capacity = models.PositiveSmallIntegerField(
        _("places per class"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    description = models.TextField(_("description"), blank=True, max_length=4000)
    programme = models.ForeignKey(
        "education.TrainingProgramme",
        verbose_name=_("counts towards programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="courses",
        help_text=_("The training programme whose person-times this course's attendance adds to."),
    )
    active = models.BooleanField(_("offered"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["category", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("education:course-detail", kwargs={"pk": self.pk})

    @property
    def is_skill(self) -> bool:
        return self.category in SKILL_CATEGORIES


class CourseClassQuerySet(CommunityScopedQuerySet):
    community_lookup = "course__community"
    null_community_is_shared = True

    def open_for_enrolment(self, now: dt.datetime | None = None) -> "CourseClassQuerySet":
        """Classes whose enrolment is open: not closed by hand, before the close date."""
        now = now or timezone.now()
        return self.filter(enrolment_open=True, enrolment_closes_at__gt=now)


class CourseClass(models.Model):
    """One run of a course (a term's class, 班级): its sessions are the kernel events of
    ``series``; learners enrol for all of them at once."""

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="classes"
    )
    name = models.CharField(_("class"), max_length=100)
    series = models.OneToOneField(
        "events.EventSeries",
        verbose_name=_("sessions"),
        on_delete=models.PROTECT,
        related_name="course_class",
    )
    capacity = models.PositiveSmallIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    enrolment_open = models.BooleanField(_("taking enrolments"), default=True)
    enrolment_closes_at = models.DateTimeField(_("enrolment closes"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CourseClassQuerySet.as_manager()

    class Meta:
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        ordering = ["-enrolment_closes_at", "pk"]

    def __str__(self) -> str:
        return f"{self.course} · {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("education:class-detail", kwargs={"pk": self.pk})

    def sessions(self) -> models.QuerySet:
        """The class's sessions (kernel events), cancelled ones included, in time order."""
        return Event.objects.filter(series=self.series_id).order_by("starts_at", "pk")

    def held_sessions(self) -> models.QuerySet:
        """The sessions the completion rule counts: every session not cancelled."""
        return self.sessions().filter(status=EventStatus.SCHEDULED)

    def enrolment_is_open(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.enrolment_open and now < self.enrolment_closes_at


class EnrolmentStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Enrolled")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class EnrolmentQuerySet(CommunityScopedQuerySet):
    # Community staff see their community's learners (in any class).
    community_lookup = "resident__community"

    def live(self) -> "EnrolmentQuerySet":
        return self.exclude(status=EnrolmentStatus.CANCELLED)

    def confirmed(self) -> "EnrolmentQuerySet":
        return self.filter(status=EnrolmentStatus.CONFIRMED)

    def waitlisted(self) -> "EnrolmentQuerySet":
        return self.filter(status=EnrolmentStatus.WAITLISTED)


class Enrolment(models.Model):
    """One learner enrolled in one class (all its sessions), or waiting for a place."""

    course_class = models.ForeignKey(
        CourseClass, verbose_name=_("class"), on_delete=models.PROTECT, related_name="enrolments"
    )
    resident = models.ForeignKey(
        "registry.Resident",
        verbose_name=_("learner"),
        on_delete=models.PROTECT,
        related_name="education_enrolments",
    )
    status = models.CharField(_("status"), max_length=12, choices=EnrolmentStatus.choices)
    created_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enrolled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["course_class", "resident"],
                condition=~Q(status="cancelled"),
                name="education_one_live_enrolment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.resident} → {self.course_class}"

    @property
    def is_live(self) -> bool:
        return self.status != EnrolmentStatus.CANCELLED

    def session_registrations(self) -> models.QuerySet:
        """The learner's kernel sign-ups for the class's sessions."""
        return Registration.objects.filter(
            event__series=self.course_class.series_id, resident=self.resident_id
        )

    def attendance(self) -> tuple[int, int]:
        """(sessions attended, sessions held) for the completion rule."""
        held = self.course_class.held_sessions()
        attended = (
            self.session_registrations()
            .filter(attended_at__isnull=False, event__in=held)
            .values("event")
            .distinct()
            .count()
        )
        return attended, held.count()


class CertificateQuerySet(CommunityScopedQuerySet):
    community_lookup = "enrolment__resident__community"


class CompletionCertificate(models.Model):
    """A completion certificate (结业证书) as issued, kept so its number can be checked:
    who, which class, the attendance it was issued on, by whom."""

    number = models.CharField(_("certificate number"), max_length=30, unique=True)
    enrolment = models.OneToOneField(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    sessions_attended = models.PositiveSmallIntegerField(_("sessions attended"))
    sessions_held = models.PositiveSmallIntegerField(_("sessions held"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("completion certificate")
        verbose_name_plural = _("completion certificates")
        ordering = ["-issued_at", "pk"]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("education:certificate-detail", kwargs={"pk": self.pk})

    @property
    def attendance_percent(self) -> int:
        if not self.sessions_held:
            return 0
        return self.sessions_attended * 100 // self.sessions_held
