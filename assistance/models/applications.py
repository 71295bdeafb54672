"""Applications by household, their economic survey, the workflow steps and the
entitlements (monthly amounts with the month they are paid from).

The status changes only through ``Application.transition``, which knows the allowed
steps; ``assistance.services.applications`` calls it and does the side effects (notices, amounts).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from assistance.roles import is_caseworker, is_confirmer
from portal.accounts.scoping import CommunityScopedQuerySet
from portal.core.dates import add_working_days
from portal.registry.masking import mask_bank_account, mask_id_number
from portal.registry.models import RegistrationType, Resident

from .programmes import CareTier, IncomeExclusion, Programme, Standard
from .rulesets import RuleSet

MONEY = {"max_digits": 12, "decimal_places": 2}
# Per-row ceilings that catch typing mistakes (an extra zero or two) with a clear message.
MAX_INCOME_ITEM = Decimal("10000000")
MAX_MEMBERS = 30


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Applied")
    ACCEPTED = "accepted", _("Accepted, under investigation")
    INVESTIGATED = "investigated", _("Investigated")
    REVIEWED = "reviewed", _("Reviewed by the community")
    PUBLICITY = "publicity", _("Public notice")
    CONFIRMED = "confirmed", _("Confirmed")
    PAYING = "paying", _("In payment")
    REVIEWING = "reviewing", _("Periodic review")
    PAID = "paid", _("Paid (one-off)")
    STOPPED = "stopped", _("Stopped")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    NOT_CONFIRMED = "not_confirmed", _("Not confirmed")


#: Allowed steps: from a status to the statuses it may become.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.SUBMITTED: frozenset({Status.ACCEPTED, Status.NOT_ACCEPTED}),
    Status.ACCEPTED: frozenset({Status.INVESTIGATED}),
    Status.INVESTIGATED: frozenset({Status.REVIEWED, Status.ACCEPTED}),
    Status.REVIEWED: frozenset(
        {Status.PUBLICITY, Status.CONFIRMED, Status.NOT_CONFIRMED, Status.ACCEPTED}
    ),
    Status.PUBLICITY: frozenset({Status.CONFIRMED, Status.NOT_CONFIRMED, Status.ACCEPTED}),
    Status.CONFIRMED: frozenset({Status.PAYING, Status.PAID, Status.STOPPED}),
    Status.PAYING: frozenset({Status.REVIEWING, Status.STOPPED}),
    Status.REVIEWING: frozenset({Status.PAYING, Status.STOPPED}),
}
#: Statuses in which a household holds (or is seeking) a place in the programme: a
#: second application to the same programme is refused meanwhile.
ACTIVE_STATUSES = frozenset(
    {
        Status.SUBMITTED,
        Status.ACCEPTED,
        Status.INVESTIGATED,
        Status.REVIEWED,
        Status.PUBLICITY,
        Status.CONFIRMED,
        Status.PAYING,
        Status.REVIEWING,
    }
)
#: Statuses reached by refusing; the step needs a written reason.
NEGATIVE_STATUSES = frozenset({Status.NOT_ACCEPTED, Status.NOT_CONFIRMED, Status.STOPPED})
#: Statuses in which the household receives (or is about to receive) money.
BENEFIT_STATUSES = frozenset({Status.CONFIRMED, Status.PAYING, Status.REVIEWING})
#: Statuses between 受理 and the decision, which the processing time limit covers.
DECIDING_STATUSES = frozenset(
    {Status.ACCEPTED, Status.INVESTIGATED, Status.REVIEWED, Status.PUBLICITY}
)
#: Statuses of a case paid in advance (先行救助) whose paperwork is not done: not decided.
PRIOR_PENDING_STATUSES = frozenset(
    {Status.SUBMITTED, Status.ACCEPTED, Status.INVESTIGATED, Status.REVIEWED}
)
#: Statuses in which the survey may be edited.
SURVEY_STATUSES = frozenset({Status.ACCEPTED, Status.REVIEWING})


@dataclass(frozen=True)
class Deadline:
    due: dt.date
    overdue: bool


class Channel(models.TextChoices):
    COUNTER = "counter", _("At the counter")
    ON_BEHALF = "on_behalf", _("By the community on the household's behalf")
    ONLINE = "online", _("Online by the resident")


class Category(models.TextChoices):
    """分类管理类别 (§3.4), which sets the review interval."""

    A = "A", _("A: income will hardly change (no labour capacity, severe illness)")
    B = "B", _("B: income stable in the short term")
    C = "C", _("C: irregular income, members able to work")


class AccountStatus(models.TextChoices):
    """账号状态 of the payee account (§3.8): only a normal account is paid into."""

    NORMAL = "normal", pgettext_lazy("bank account", "Normal")
    FROZEN = "frozen", pgettext_lazy("bank account", "Frozen")
    CLOSED = "closed", pgettext_lazy("bank account", "Closed")


validate_bank_account = RegexValidator(
    r"^[0-9]{10,30}$",
    _("A bank account number has 10 to 30 digits."),
)


class ApplicationQuerySet(CommunityScopedQuerySet):
    community_lookup = "household__community"

    def active(self) -> "ApplicationQuerySet":
        return self.filter(status__in=ACTIVE_STATUSES)

    def for_list(self, month: dt.date | None = None) -> "ApplicationQuerySet":
        """With the head's name and ``amount``: what this month's roster pays (or, before
        any payment, the amount proposed), in the list's one query."""
        month = (month or timezone.localdate()).replace(day=1)
        paid = (
            Entitlement.objects.filter(application=models.OuterRef("pk"), pays_from__lte=month)
            .order_by("-pays_from", "-decided_at", "-pk")
            .values("monthly_amount")[:1]
        )
        return self.select_related("programme", "household__community").annotate(
            head_name=models.Subquery(
                Resident.objects.heads()
                .filter(household=models.OuterRef("household"))
                .values("name")[:1]
            ),
            amount=models.functions.Coalesce(models.Subquery(paid), models.F("proposed_amount")),
        )

    def without_payable_account(self) -> "ApplicationQuerySet":
        """Receiving (or about to receive) a monthly amount with no normal account for the
        bank to pay it into (:attr:`Application.account_missing`)."""
        return self.filter(
            models.Q(account_number="") | ~models.Q(account_status=AccountStatus.NORMAL),
            status__in=BENEFIT_STATUSES,
            programme__pays_monthly=True,
            proposed_amount__gt=0,
        )

    def matching(self, filters: dict[str, Any]) -> "ApplicationQuerySet":
        """The application list's search (:meth:`search`), programme, status and
        community. Scoping is the caller's: start from ``visible_to``."""
        applications = self.search(filters.get("q", ""))
        if filters.get("programme"):
            applications = applications.filter(programme=filters["programme"])
        if filters.get("status"):
            applications = applications.filter(status=filters["status"])
        if filters.get("community"):
            applications = applications.filter(household__community=filters["community"])
        return applications

    def awaiting_publicity(self) -> "ApplicationQuerySet":
        """Reviewed by the community, in a programme with a 公示: ready to publish."""
        return self.filter(status=Status.REVIEWED, programme__needs_publicity=True)

    def prior_pending(self) -> "ApplicationQuerySet":
        """Paid in advance (先行救助) and not decided yet: the paperwork is still due."""
        return self.filter(paperwork_due__isnull=False, status__in=PRIOR_PENDING_STATUSES)

    def prior_overdue(self, today: dt.date) -> "ApplicationQuerySet":
        """Paid in advance whose paperwork is past its due day."""
        return self.prior_pending().filter(paperwork_due__lt=today)

    def review_due_by(self, day: dt.date) -> "ApplicationQuerySet":
        """In payment, with the next periodic review on or before ``day``."""
        return self.filter(status=Status.PAYING, next_review_on__lte=day)

    def handled_by(self, user: Any) -> "ApplicationQuerySet":
        """Applications in which ``user`` recorded a step (their 已办 list)."""
        return self.filter(
            models.Exists(Step.objects.filter(application=models.OuterRef("pk"), by=user))
        )

    def search(self, text: str) -> "ApplicationQuerySet":
        """The head's name, the address or the certificate number contains ``text``."""
        text = (text or "").strip()
        if not text:
            return self
        heads = Resident.objects.heads().filter(
            household=models.OuterRef("household"), name__icontains=text
        )
        return self.filter(
            models.Q(household__address__icontains=text)
            | models.Q(certificate_number__icontains=text)
            | models.Exists(heads)
        )

    def todo_for(self, user: Any, today: dt.date) -> "ApplicationQuerySet":
        """Applications at a step ``user`` may take now (their 待办 list).

        Caseworkers: applied, under investigation, investigated, reviewed for a 公示,
        in periodic review, and 公示 cases with an open objection. Confirmers (the
        sub-district): reviewed cases of programmes without 公示 and 公示 cases whose
        period is over with no open objection. Scoping is the caller's (``visible_to``).
        """
        condition = self.todo_condition(user, today)
        return self.filter(condition) if condition else self.none()

    @classmethod
    def todo_condition(cls, user: Any, today: dt.date) -> models.Q:
        """The condition of :meth:`todo_for` (empty for users who take no step), for
        counting it in an aggregate."""
        condition = models.Q()
        if is_caseworker(user):
            condition |= cls._caseworker_todo()
        if is_confirmer(user):
            condition |= cls._confirmer_todo(today)
        return condition

    def with_confirmable(self, today: dt.date) -> "ApplicationQuerySet":
        """Annotate ``confirmable``: waiting for confirmation and found eligible (the rows
        a confirmer may tick for 批量确认)."""
        return self.annotate(
            confirmable=models.ExpressionWrapper(
                self._confirmer_todo(today) & models.Q(eligible=True),
                output_field=models.BooleanField(),
            )
        )

    @staticmethod
    def _open_objection() -> models.Exists:
        from portal.notices.models import NoticeObjection, ObjectionStatus

        return models.Exists(
            NoticeObjection.objects.filter(
                notice__assistance_steps__application=models.OuterRef("pk"),
                status=ObjectionStatus.OPEN,
            )
        )

    @classmethod
    def _caseworker_todo(cls) -> models.Q:
        return (
            models.Q(
                status__in=[
                    Status.SUBMITTED,
                    Status.ACCEPTED,
                    Status.INVESTIGATED,
                    Status.REVIEWING,
                ]
            )
            | models.Q(status=Status.REVIEWED, programme__needs_publicity=True)
            | (models.Q(status=Status.PUBLICITY) & cls._open_objection())
        )

    @classmethod
    def _confirmer_todo(cls, today: dt.date) -> models.Q:
        """Waiting for 审核确认, as ``Application.transition`` checks it: reviewed for a
        programme without 公示, or in 公示 whose latest notice's period is over (or has
        no end) with no objection open."""
        from django.db.models.lookups import IsNull, LessThan

        latest_notice_ends = models.Subquery(
            Step.objects.filter(application=models.OuterRef("pk"), notice__isnull=False)
            .order_by("-at", "-pk")
            .values("notice__period_ends")[:1]
        )
        return models.Q(status=Status.REVIEWED, programme__needs_publicity=False) | (
            models.Q(status=Status.PUBLICITY)
            & ~models.Q(cls._open_objection())
            & (
                models.Q(LessThan(latest_notice_ends, today))
                | models.Q(IsNull(latest_notice_ends, True))
            )
        )


class Application(models.Model):
    """A household's application to one programme, from intake to the end of payment."""

    household = models.ForeignKey(
        "registry.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="assistance_applications",
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    channel = models.CharField(
        _("how it was made"), max_length=20, choices=Channel.choices, default=Channel.COUNTER
    )
    registration_type = models.CharField(
        _("urban or rural"), max_length=10, choices=RegistrationType.choices
    )
    reason = models.TextField(_("reason for hardship"), max_length=2000)
    requested_amount = models.DecimalField(
        _("amount proposed (one-off)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("For temporary assistance: the amount asked for or proposed."),
        **MONEY,
    )
    rigid_expenses = models.DecimalField(
        _("rigid expenses over the period"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("For 支出型 temporary assistance: medical, education, disaster costs."),
        **MONEY,
    )
    staff_relative = models.BooleanField(
        _("relative of staff declared"),
        default=False,
        help_text=_("A close relative of assistance staff or committee members (备案)."),
    )
    category = models.CharField(
        _("management category"), max_length=1, choices=Category.choices, blank=True
    )
    lookback_months = models.PositiveSmallIntegerField(
        _("months of income surveyed"),
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    # The survey's result, kept as computed when the survey was completed.
    counted_members = models.PositiveSmallIntegerField(_("members counted"), null=True, blank=True)
    household_income = models.DecimalField(
        _("household income over the period"), null=True, blank=True, **MONEY
    )
    per_capita_income = models.DecimalField(
        _("monthly income per person"), null=True, blank=True, **MONEY
    )
    standard_amount = models.DecimalField(_("standard applied"), null=True, blank=True, **MONEY)
    proposed_amount = models.DecimalField(_("amount"), null=True, blank=True, **MONEY)
    eligible = models.BooleanField(_("eligible"), null=True, blank=True)
    assessment = models.TextField(_("assessment"), blank=True)
    rules = models.ForeignKey(
        RuleSet,
        verbose_name=_("rules applied"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: the settings' defaults."),
    )
    certificate_number = models.CharField(
        _("assistance certificate number"), max_length=30, blank=True, db_index=True
    )
    payment_starts = models.DateField(_("paid from"), null=True, blank=True)
    next_review_on = models.DateField(_("next review"), null=True, blank=True, db_index=True)
    taper_ends = models.DateField(
        _("tapering ends"),
        null=True,
        blank=True,
        help_text=_("渐退期: paid until the month before; stopped from this month."),
    )
    # 先行救助 (§3.7): emergency money paid before the paperwork, completed within the
    # rules' prior_paperwork_days (the case decided by then).
    prior_amount = models.DecimalField(
        _("paid in advance (先行救助)"), null=True, blank=True, **MONEY
    )
    prior_paid_on = models.DateField(_("paid in advance on"), null=True, blank=True)
    paperwork_due = models.DateField(_("paperwork due by"), null=True, blank=True, db_index=True)
    # The payee account (收款账户, §3.8) the bank pays the monthly amount into.
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    account_name = models.CharField(_("account holder"), max_length=50, blank=True)
    account_number = models.CharField(
        _("bank account number"), max_length=30, blank=True, validators=[validate_bank_account]
    )
    account_status = models.CharField(
        _("account status"),
        max_length=10,
        choices=AccountStatus.choices,
        default=AccountStatus.NORMAL,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("applied"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["household", "programme"],
                condition=models.Q(status__in=sorted(ACTIVE_STATUSES)),
                name="application_one_active_per_programme",
                violation_error_message=_(
                    "This household already has an application to this programme in progress "
                    "or in payment."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme} · {self.household}"

    def get_absolute_url(self) -> str:
        return reverse("assistance:application-detail", args=[self.pk])

    # --- status ----------------------------------------------------------------------------

    def allowed_targets(self) -> frozenset[str]:
        """Statuses the map allows next, less those this programme does not use."""
        targets = set(TRANSITIONS.get(self.status, frozenset()))
        if self.status == Status.REVIEWED:
            targets.discard(
                Status.CONFIRMED if self.programme.needs_publicity else Status.PUBLICITY
            )
        if self.status == Status.CONFIRMED:
            targets.discard(Status.PAID if self.programme.pays_monthly else Status.PAYING)
        return frozenset(targets)

    def transition(
        self,
        to: str,
        *,
        by: Any,
        opinion: str = "",
        notice: Any = None,
        now: dt.datetime | None = None,
    ) -> "Step":
        """Move to status ``to`` and record the step (who, when, opinion).

        Raises ``ValidationError`` for a step the map does not allow from here (skipped
        or out of order), a refusal without a written reason, an investigation not yet
        assessed, or a confirmation while the public notice is running or an objection
        to it is open. Saves the application (its history row names ``by``); the caller
        holds the transaction and does the step's side effects.
        """
        opinion = (opinion or "").strip()
        if to not in self.allowed_targets():
            raise ValidationError(
                _("An application that is “%(current)s” cannot become “%(target)s”.")
                % {"current": self.get_status_display(), "target": Status(to).label}
            )
        if to in NEGATIVE_STATUSES and not opinion:
            raise ValidationError(_("Write the reason: the household is told it in writing."))
        if to == Status.INVESTIGATED and self.eligible is None:
            raise ValidationError(_("Complete the household survey first."))
        if to == Status.CONFIRMED and self.eligible is False:
            raise ValidationError(
                _("The survey found the household not eligible; it cannot be approved.")
            )
        if to in (Status.CONFIRMED, Status.PUBLICITY) and self.open_objections().exists():
            raise ValidationError(
                _("An objection to the public notice is still open; answer it first.")
            )
        if to == Status.CONFIRMED and self.status == Status.PUBLICITY:
            notice = self.current_notice()
            today = timezone.localdate(now) if now else timezone.localdate()
            if notice is not None and notice.period_ends and today <= notice.period_ends:
                raise ValidationError(
                    _("The public notice runs until %(date)s; confirm after it ends.")
                    % {"date": notice.period_ends.isoformat()}
                )
        step = Step(
            application=self,
            from_status=self.status,
            to_status=to,
            opinion=opinion,
            by=by,
            at=now or timezone.now(),
            notice=notice if to == Status.PUBLICITY else None,
        )
        self.status = to
        if by is not None:
            self._history_user = by
        self.save()
        step.save()
        return step

    # --- 公示 --------------------------------------------------------------------------------

    def notice_ids(self) -> models.QuerySet:
        return Step.objects.filter(application=self, notice__isnull=False).values("notice_id")

    def current_notice(self) -> Any:
        step = (
            Step.objects.filter(application=self, notice__isnull=False)
            .select_related("notice")
            .order_by("-at", "-pk")
            .first()
        )
        return step.notice if step else None

    def open_objections(self) -> models.QuerySet:
        from portal.notices.models import NoticeObjection, ObjectionStatus

        return NoticeObjection.objects.filter(
            notice__in=self.notice_ids(), status=ObjectionStatus.OPEN
        )

    # --- display -----------------------------------------------------------------------------

    def decision_deadline(self) -> "Deadline | None":
        """The last day to decide, ``ASSISTANCE_PROCESSING_WORKING_DAYS`` working days after
        受理 (§3.2: 30 nationally) by the official calendar, and whether it has passed;
        None once decided or before acceptance. One query."""
        if self.accepted_at is None or self.status not in DECIDING_STATUSES:
            return None
        due = add_working_days(
            timezone.localdate(self.accepted_at), settings.ASSISTANCE_PROCESSING_WORKING_DAYS
        )
        return Deadline(due=due, overdue=timezone.localdate() > due)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    @admin.display(description=_("bank account number"))
    def masked_account_number(self) -> str:
        return mask_bank_account(self.account_number)

    @property
    def account_payable(self) -> bool:
        """The bank can pay into the account: one is recorded and its status is normal."""
        return bool(self.account_number) and self.account_status == AccountStatus.NORMAL

    @property
    def account_missing(self) -> bool:
        """Receiving (or about to receive) a monthly amount with no account to pay into;
        the same rule as :meth:`ApplicationQuerySet.without_payable_account`."""
        return (
            self.status in BENEFIT_STATUSES
            and self.programme.pays_monthly
            and (self.proposed_amount or 0) > 0
            and not self.account_payable
        )

    @property
    def prior_overdue(self) -> bool:
        """Paid in advance (先行救助), not decided, and past the paperwork's due day."""
        return (
            self.paperwork_due is not None
            and self.status in PRIOR_PENDING_STATUSES
            and timezone.localdate() > self.paperwork_due
        )

    @property
    def survey_editable(self) -> bool:
        return self.status in SURVEY_STATUSES

    def exclusive_conflicts(self) -> "models.QuerySet[Application]":
        """Other active cases in 低保, 特困 or 低保边缘 (which exclude each other per person)
        counting one of this case's counted members: a move between programmes, which
        confirmation completes (the other case closes for them from the same month)."""
        from .programmes import EXCLUSIVE_RULES

        if self.programme.rule not in EXCLUSIVE_RULES:
            return Application.objects.none()
        residents = self.members.filter(counted=True).values("resident_id")
        return (
            Application.objects.active()
            .filter(
                programme__rule__in=EXCLUSIVE_RULES,
                members__counted=True,
                members__resident_id__in=residents,
            )
            .exclude(pk=self.pk)
            .select_related("programme")
            .distinct()
        )

    def entitlement_for(self, month: dt.date) -> "Entitlement | None":
        """The monthly amount in force for ``month`` (by the month it is paid from)."""
        return (
            self.entitlements.filter(pays_from__lte=month)
            .order_by("-pays_from", "-decided_at", "-pk")
            .first()
        )


class LabourCapacity(models.TextChoices):
    FULL = "full", _("Able to work")
    PARTIAL = "partial", _("Partly able to work")
    NONE = "none", _("Unable to work")


class Member(models.Model):
    """A household member as the survey found them: counted in the household or not
    (§3.1), and what the add-ons and 特困 tests need."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="members"
    )
    resident = models.ForeignKey(
        "registry.Resident",
        verbose_name=_("resident"),
        on_delete=models.PROTECT,
        related_name="assistance_memberships",
    )
    counted = models.BooleanField(
        _("counted in the household"),
        default=True,
        help_text=_("共同生活的家庭成员: spouse, minor children, dependants living together."),
    )
    not_counted_reason = models.CharField(_("why not counted"), max_length=200, blank=True)
    added_reason = models.CharField(
        _("why added"),
        max_length=200,
        blank=True,
        help_text=_("A member added at the survey who is not in the registry household."),
    )
    labour_capacity = models.CharField(
        _("labour capacity"),
        max_length=10,
        choices=LabourCapacity.choices,
        default=LabourCapacity.FULL,
    )
    severely_disabled = models.BooleanField(
        _("severely disabled"), default=False, help_text=_("Disability grade 1 or 2.")
    )
    seriously_ill = models.BooleanField(_("seriously ill"), default=False)
    care_tier = models.CharField(
        _("care tier"),
        max_length=10,
        choices=CareTier.choices,
        blank=True,
        help_text=_("For 特困 support: the assessed self-care ability."),
    )
    employment = models.CharField(_("employment"), max_length=100, blank=True)
    in_school = models.BooleanField(
        _("in school"),
        default=False,
        help_text=_("A 16- or 17-year-old still at school is supported as a minor until 18."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["application", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "resident"], name="member_once_per_application"
            )
        ]

    def __str__(self) -> str:
        return str(self.resident)

    def clean(self) -> None:
        if not self.counted and not self.not_counted_reason.strip():
            raise ValidationError({"not_counted_reason": _("Say why this member is not counted.")})


class IncomeCategory(models.TextChoices):
    """The four categories of household income (§3.3)."""

    WAGES = "wages", _("Wages (net of tax and contributions)")
    BUSINESS = "business", _("Net business income")
    PROPERTY = "property", _("Net property income")
    TRANSFER = "transfer", _("Net transfer income")


class IncomeItem(models.Model):
    """Income of one member (or of the household) over the survey's look-back period."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="incomes"
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="incomes",
        help_text=_("Empty: income of the household as a whole."),
    )
    category = models.CharField(_("category"), max_length=10, choices=IncomeCategory.choices)
    description = models.CharField(_("source of income"), max_length=200)
    amount = models.DecimalField(
        _("amount over the period"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_INCOME_ITEM)],
        **MONEY,
    )
    exclusion = models.ForeignKey(
        IncomeExclusion,
        verbose_name=_("not counted as"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Recorded but not counted (优待抚恤金, 奖学金 …)."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("income")
        verbose_name_plural = _("incomes")
        ordering = ["application", "pk"]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.amount}"

    @property
    def counted(self) -> bool:
        return self.exclusion_id is None and (self.member is None or self.member.counted)


class AssetKind(models.TextChoices):
    DEPOSIT = "deposit", _("Cash and deposits")
    SECURITIES = "securities", _("Securities and insurance")
    VEHICLE = "vehicle", _("Vehicle")
    HOUSING = "housing", _("Housing besides the home")
    BUSINESS = "business", _("Business or company")
    OTHER = "other", _("Other")


#: Assets held against the per-person limit; the others are for the staff's judgement.
FINANCIAL_ASSETS = frozenset({AssetKind.DEPOSIT, AssetKind.SECURITIES})


class Asset(models.Model):
    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="assets"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AssetKind.choices)
    description = models.CharField(_("what it is"), max_length=200)
    value = models.DecimalField(
        _("value"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_INCOME_ITEM * 10)],
        **MONEY,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("asset")
        verbose_name_plural = _("assets")
        ordering = ["application", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.value}"


class Obligor(models.Model):
    """Someone outside the household with a legal duty of support (赡养/抚养/扶养人); the
    support they owe counts as the household's transfer income."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="obligors",
    )
    name = models.CharField(_("name"), max_length=50)
    relation = models.CharField(_("relation"), max_length=50)
    id_number = models.CharField(_("ID number"), max_length=18, blank=True)
    family_size = models.PositiveSmallIntegerField(
        _("their family size"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MEMBERS)],
    )
    per_capita_income = models.DecimalField(
        _("their monthly income per person"),
        default=0,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_INCOME_ITEM)],
        **MONEY,
    )
    monthly_support = models.DecimalField(
        _("support owed per month"),
        default=0,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_INCOME_ITEM)],
        **MONEY,
    )
    unable_reason = models.CharField(_("why they cannot support"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("support obligor")
        verbose_name_plural = _("support obligors")
        ordering = ["application", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from portal.registry import idnumbers

        if self.id_number:
            self.id_number = idnumbers.normalize_id_number(self.id_number)
            idnumbers.validate_id_number(self.id_number)

    @property
    @admin.display(description=_("ID number"))
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)


class Step(models.Model):
    """One workflow step: from which status to which, who, when, and their opinion."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="steps"
    )
    from_status = models.CharField(
        _("status before"), max_length=20, choices=Status.choices, blank=True
    )
    to_status = models.CharField(_("status after"), max_length=20, choices=Status.choices)
    opinion = models.TextField(_("opinion"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assistance_steps",
        help_text=_("Empty: done by the system (an objection, the payment month)."),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    notice = models.ForeignKey(
        "notices.Notice",
        verbose_name=_("public notice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assistance_steps",
    )

    class Meta:
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")
        ordering = ["application", "at", "pk"]
        indexes = [models.Index(fields=["by", "at"], name="assistance_step_by_at")]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"

    @property
    def label(self) -> str:
        """The step's name as staff say it (受理, 公示, 确认, 变更 …)."""
        return step_label(self.from_status, self.to_status)


_STEP_LABELS = {
    ("", Status.SUBMITTED): _("Applied"),
    (Status.SUBMITTED, Status.ACCEPTED): _("Accepted"),
    (Status.SUBMITTED, Status.NOT_ACCEPTED): _("Not accepted"),
    (Status.ACCEPTED, Status.INVESTIGATED): _("Survey completed"),
    (Status.INVESTIGATED, Status.ACCEPTED): _("Survey reopened"),
    (Status.INVESTIGATED, Status.REVIEWED): _("Community review"),
    (Status.REVIEWED, Status.ACCEPTED): _("Sent back for investigation"),
    (Status.REVIEWED, Status.PUBLICITY): _("Published for public notice"),
    (Status.PUBLICITY, Status.ACCEPTED): _("Objection: investigation reopened"),
    (Status.PAYING, Status.REVIEWING): _("Periodic review started"),
    (Status.REVIEWING, Status.PAYING): _("Periodic review completed"),
    (Status.CONFIRMED, Status.PAYING): _("Payment started"),
    (Status.CONFIRMED, Status.PAID): _("Paid"),
}
_TARGET_LABELS = {
    Status.CONFIRMED: _("Confirmed"),
    Status.NOT_CONFIRMED: _("Not confirmed"),
    Status.STOPPED: _("Payment stopped"),
}


#: The buttons that take a step, as actions (确认, not 已确认).
_ACTION_LABELS = {
    (Status.SUBMITTED, Status.ACCEPTED): pgettext_lazy("action", "Accept"),
    (Status.SUBMITTED, Status.NOT_ACCEPTED): pgettext_lazy("action", "Do not accept"),
    (Status.ACCEPTED, Status.INVESTIGATED): pgettext_lazy("action", "Complete the survey"),
    (Status.INVESTIGATED, Status.ACCEPTED): pgettext_lazy("action", "Reopen the survey"),
    (Status.INVESTIGATED, Status.REVIEWED): pgettext_lazy("action", "Record the community review"),
    (Status.REVIEWED, Status.ACCEPTED): pgettext_lazy("action", "Send back for investigation"),
    (Status.REVIEWED, Status.PUBLICITY): pgettext_lazy("action", "Publish for public notice"),
    (Status.PAYING, Status.REVIEWING): pgettext_lazy("action", "Start the periodic review"),
    (Status.REVIEWING, Status.PAYING): pgettext_lazy("action", "Complete the periodic review"),
}
_TARGET_ACTIONS = {
    Status.CONFIRMED: pgettext_lazy("action", "Confirm"),
    Status.NOT_CONFIRMED: pgettext_lazy("action", "Do not confirm"),
    Status.STOPPED: pgettext_lazy("action", "Stop payment"),
}


def action_label(from_status: str, to_status: str) -> str:
    """The button that takes the step, as an action."""
    return str(
        _ACTION_LABELS.get((from_status, to_status))
        or _TARGET_ACTIONS.get(to_status)
        or step_label(from_status, to_status)
    )


def step_label(from_status: str, to_status: str) -> str:
    return str(
        _STEP_LABELS.get((from_status, to_status))
        or _TARGET_LABELS.get(to_status)
        or Status(to_status).label
    )


class EntitlementReason(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    REVIEW = "review", _("Change after review")
    STANDARD = "standard", _("New standard")
    RULES = "rules", _("New rules")
    MOVED = "moved", _("Members moved to another programme")
    TAPER = "taper", _("End of the tapering period")
    PRIOR = "prior", _("Paid in advance (先行救助)")
    STOPPED = "stopped", _("Stopped")


class EntitlementQuerySet(CommunityScopedQuerySet):
    community_lookup = "application__household__community"


class Entitlement(models.Model):
    """A monthly amount (or a one-off payment) and the payment month it applies from.

    The roster for a month pays the latest entitlement whose ``pays_from`` has come, and
    the ``arrears`` of those first paid in that month: months from ``effective_from``
    already paid at the old amount (a raise of the standard entered after it took effect).
    """

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="entitlements",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=EntitlementReason.choices)
    effective_from = models.DateField(_("applies from"))
    pays_from = models.DateField(_("first paid on the roster of"))
    monthly_amount = models.DecimalField(_("amount"), **MONEY)
    standard_amount = models.DecimalField(_("standard applied"), null=True, blank=True, **MONEY)
    per_capita_income = models.DecimalField(
        _("monthly income per person"), null=True, blank=True, **MONEY
    )
    insured_members = models.PositiveSmallIntegerField(_("people covered"), default=0)
    addon_amount = models.DecimalField(_("classified add-on"), default=0, **MONEY)
    arrears = models.DecimalField(_("back-pay"), default=0, **MONEY)
    one_off = models.BooleanField(_("one-off payment"), default=False)
    facts = models.JSONField(
        _("facts assessed"),
        default=dict,
        blank=True,
        help_text=_("The household as assessed (members, incomes), to price its months again."),
    )
    rules = models.ForeignKey(
        RuleSet,
        verbose_name=_("rules applied"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    standard = models.ForeignKey(
        Standard,
        verbose_name=_("standard that caused it"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = EntitlementQuerySet.as_manager()

    class Meta:
        verbose_name = _("entitlement")
        verbose_name_plural = _("entitlements")
        ordering = ["application", "pays_from", "decided_at", "pk"]
        indexes = [models.Index(fields=["pays_from"], name="entitlement_pays_from")]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "standard"],
                condition=models.Q(standard__isnull=False),
                name="entitlement_once_per_standard",
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.monthly_amount} ({self.pays_from:%Y-%m})"
