"""The yearly 主题党日 plan of a branch: twelve themed days, each a kernel event."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.accounts.scoping import CommunityScopedQuerySet

#: The seed's twelve monthly themes (plan 4, 20__年党员活动时间表): the template a year's
#: plan starts from; a branch edits them before generating.
PARTY_DAY_TEMPLATE: tuple[str, ...] = (
    "春节慰问老党员活动",
    "党小组成立大会",
    "党员志愿者参加植树活动",
    "党员领导干部下基层讲党课活动",
    "“关心青年成长”座谈会",
    "“一名党员、一面旗帜”做社区一日志愿者活动",
    "“重温入党誓词、牢记党的宗旨”集体宣誓活动",
    "“爱心在行动”社区奉献日活动",
    "纪录片观影活动",
    "“中国梦，我的梦”茶话会",
    "“喜看家乡变化，我来建言献策”参观园区活动",
    "“寻找身边的优秀党员”评选活动",
)


class PartyDayPlanQuerySet(CommunityScopedQuerySet):
    community_lookup = "organisation__community"


class PartyDayPlan(models.Model):
    """One branch's Party days of one year, generated in one action (once)."""

    organisation = models.ForeignKey(
        "partywork.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="party_day_plans",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    day_of_month = models.PositiveSmallIntegerField(
        _("day of the month"), validators=[MinValueValidator(1), MaxValueValidator(28)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PartyDayPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("Party-day plan")
        verbose_name_plural = _("Party-day plans")
        ordering = ["-year", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="partywork_one_plan_per_branch_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"


class PartyDay(models.Model):
    """One month of a plan: its theme and the kernel event that carries it."""

    plan = models.ForeignKey(
        PartyDayPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="days"
    )
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    theme = models.CharField(_("theme"), max_length=120)
    event = models.OneToOneField(
        "events.Event", verbose_name=_("event"), on_delete=models.PROTECT, related_name="party_day"
    )

    class Meta:
        verbose_name = _("Party day")
        verbose_name_plural = _("Party days")
        ordering = ["plan", "month"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "month"], name="partywork_one_day_per_month")
        ]

    def __str__(self) -> str:
        return self.theme
