"""争做“十大员”: the ten roles of the seed, members taking them for a year, and dated
entries of what they did."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.accounts.scoping import CommunityScopedQuerySet


class Duty(models.TextChoices):
    SANITATION = "sanitation", _("Environmental sanitation monitor")  # 环境卫生监督员
    HARDSHIP = "hardship", _("Helper of families in hardship")  # 困难群众帮扶员
    ARTS = "arts", _("Cultural activities organiser")  # 文艺活动组织员
    MEDIATION = "mediation", _("Dispute mediator")  # 矛盾纠纷调解员
    LAW = "law", _("Law and policy publicist")  # 法律政策宣传员
    ENTERPRISE = "enterprise", _("Enterprise and jobs exemplar")  # 创业就业示范员
    CIVILITY = "civility", _("Promoter of civilised customs")  # 文明新风带动员
    YOUTH = "youth", _("Youth mentor")  # 少年成长辅导员
    FAMILY = "family", _("Promoter of family virtues")  # 家庭美德弘扬员
    SECURITY = "security", _("Public security keeper")  # 社会治安维护员


class DutyAssignmentQuerySet(CommunityScopedQuerySet):
    community_lookup = "membership__organisation__community"


class DutyAssignment(models.Model):
    """A member taking one of the ten roles for a year."""

    membership = models.ForeignKey(
        "partywork.Membership",
        verbose_name=_("organisation member"),
        on_delete=models.PROTECT,
        related_name="duties",
    )
    duty = models.CharField(_("role of the ten"), max_length=20, choices=Duty.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = DutyAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role taken")
        verbose_name_plural = _("roles taken")
        ordering = ["-year", "duty"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "duty", "year"], name="partywork_one_duty_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_duty_display()}"


class DutyEntryQuerySet(CommunityScopedQuerySet):
    community_lookup = "assignment__membership__organisation__community"


class DutyEntry(models.Model):
    """What a member did in their role on one day, optionally an event they attended."""

    assignment = models.ForeignKey(
        DutyAssignment,
        verbose_name=_("role of the ten"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    done_on = models.DateField(_("date"))
    description = models.CharField(_("what was done"), max_length=300)
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event attended"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DutyEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("role entry")
        verbose_name_plural = _("role entries")
        ordering = ["-done_on", "-pk"]

    def __str__(self) -> str:
        return self.description
