from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.core import contract

#: The programme rules a plan item may count (the values of ``assistance.models.Rule``,
#: kept here so that the config imports no model).
PROGRAMME_RULE_OPTIONS = (
    ("subsistence", _("Minimum living allowance")),
    ("margin", _("Near-poor household")),
    ("destitute", _("Destitute person support")),
    ("temporary", _("Temporary assistance")),
    ("allowance", _("Fixed allowance")),
)


class AssistanceConfig(contract.PortalAppConfig):
    """Social assistance 社会救助 (seed chapter 1): programmes, 低保 workflow, rosters, charity."""

    name = "assistance"
    verbose_name = _("Social assistance")
    counted = True
    #: Called by ``seed_demo`` in ``INSTALLED_APPS`` order, after the kernel apps' seeders.
    demo_seeder = "assistance.demo.seed_assistance"
    staff_panels = "assistance.dashboard.staff_panels"
    resident_panels = "assistance.dashboard.resident_panels"
    household_panels = "assistance.dashboard.household_panels"
    #: Who is 低保, 低保边缘 or 特困, for the apps that ask (elder care, health).
    resident_statuses = "assistance.statuses.resident_statuses"
    #: The work plans' measures (``assistance.measures``); option: the programme's rule.
    plan_measures = (
        contract.PlanMeasureSpec(
            "assistance.households_covered",
            _("Households covered by assistance"),
            pgettext_lazy("unit", "households"),
            count="assistance.measures.count_households_covered",
            options=PROGRAMME_RULE_OPTIONS,
        ),
        contract.PlanMeasureSpec(
            "assistance.persons_covered",
            _("Persons covered by assistance"),
            _("persons"),
            count="assistance.measures.count_persons_covered",
            options=PROGRAMME_RULE_OPTIONS,
        ),
        contract.PlanMeasureSpec(
            "assistance.amount_paid",
            _("Assistance paid"),
            _("yuan"),
            count="assistance.measures.count_amount_paid",
            options=PROGRAMME_RULE_OPTIONS,
        ),
        contract.PlanMeasureSpec(
            "assistance.temporary_cases",
            _("Temporary assistance cases granted"),
            _("cases"),
            count="assistance.measures.count_temporary_cases",
        ),
    )
    staff_nav = (
        contract.NavEntry(
            _("Social assistance"),
            "assistance:application-list",
            allowed="assistance.roles.is_caseworker",
            order=100,
        ),
    )
    public_nav = (
        contract.NavEntry(
            _("My applications"),
            "assistance:my-applications",
            allowed="portal.accounts.access.is_signed_in",
            order=85,
        ),
    )
    report_kinds = (
        contract.ReportKindSpec(
            "assistance_roster",
            _("Assistance payment roster"),
            builder="assistance.roster.build_roster",
            allowed="assistance.roles.is_caseworker",
        ),
    )
    notification_kinds = (
        contract.NotificationKindSpec("assistance_review_due", _("Assistance review due")),
    )
    beat_schedule = {
        # Confirmed cases enter payment in the month after confirmation.
        "assistance-payments-start": {
            "task": "assistance.tasks.payments_start_task",
            "schedule": crontab(minute=30, hour=0),
        },
        # Periodic reviews due within ASSISTANCE_REVIEW_REMINDER_DAYS, told to the
        # community's staff once per review date.
        "assistance-review-reminders": {
            "task": "assistance.tasks.review_reminders_send_task",
            "schedule": crontab(minute=0, hour=8),
        },
    }

    def ready(self) -> None:
        # Registers the rules objects (``Programme.rules``) and connects the receivers.
        from assistance import rules, signals  # noqa: F401
