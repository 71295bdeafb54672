"""Adult degree education (成人学历教育): enrolments with a partner university, their
study status, exams and graduation. The year's enrolments count against the adult
degree programme's target (``CountingMethod.DEGREE``)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.accounts.scoping import CommunityScopedQuerySet


class DegreeLevel(models.TextChoices):
    HIGH_TO_JUNIOR = "high_to_junior", _("Junior college (from high school)")
    JUNIOR_TO_BACHELOR = "junior_to_bachelor", _("Bachelor (from junior college)")


class StudyStatus(models.TextChoices):
    STUDYING = "studying", _("Studying")
    SUSPENDED = "suspended", _("Suspended")
    GRADUATED = "graduated", _("Graduated")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DegreeEnrolmentQuerySet(CommunityScopedQuerySet):
    community_lookup = "resident__community"


class DegreeEnrolment(models.Model):
    """One learner's enrolment in a partner university's distance programme."""

    resident = models.ForeignKey(
        "registry.Resident",
        verbose_name=_("learner"),
        on_delete=models.PROTECT,
        related_name="degree_enrolments",
    )
    university = models.CharField(_("university"), max_length=100)
    major = models.CharField(_("programme of study"), max_length=100)
    level = models.CharField(_("level"), max_length=20, choices=DegreeLevel.choices)
    enrolled_on = models.DateField(_("enrolled on"))
    student_number = models.CharField(_("student number"), max_length=30, blank=True)
    status = models.CharField(
        _("study status"), max_length=12, choices=StudyStatus.choices, default=StudyStatus.STUDYING
    )
    graduated_on = models.DateField(_("graduated on"), null=True, blank=True)
    diploma_number = models.CharField(_("diploma number"), max_length=40, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    objects = DegreeEnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("adult degree enrolment")
        verbose_name_plural = _("adult degree enrolments")
        ordering = ["-enrolled_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.resident} · {self.university} {self.major}"

    def get_absolute_url(self) -> str:
        return reverse("education:degree-detail", kwargs={"pk": self.pk})


class DegreeExamQuerySet(CommunityScopedQuerySet):
    community_lookup = "enrolment__resident__community"


class DegreeExam(models.Model):
    """One exam of an enrolment (the plan asks for strict exam management: 严格考试管理)."""

    enrolment = models.ForeignKey(
        DegreeEnrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="exams"
    )
    subject = models.CharField(_("subject"), max_length=100)
    sat_on = models.DateField(_("exam date"))
    score = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    passed = models.BooleanField(_("passed"), default=False)

    objects = DegreeExamQuerySet.as_manager()

    class Meta:
        verbose_name = _("exam")
        verbose_name_plural = _("exams")
        ordering = ["sat_on", "pk"]

    def __str__(self) -> str:
        return f"{self.subject} {self.sat_on}"
