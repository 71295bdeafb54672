from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from portal.core import contract


class ReportsConfig(contract.PortalAppConfig):
    name = "portal.reports"
    label = "reports"
    verbose_name = _("Reports and background jobs")
    beat_schedule = {
        # On the 1st at 02:00, last month's statistics workbook for the sub-district and
        # for each community.
        "reports-monthly-community-statistics": {
            "task": "portal.reports.tasks.monthly_statistics_queue_task",
            "schedule": crontab(minute=0, hour=2, day_of_month=1),
        },
    }
    staff_nav = (contract.NavEntry(_("Reports"), "reports:job-list", order=500),)
    report_kinds = (
        contract.ReportKindSpec(
            "community_statistics",
            _("Monthly community statistics"),
            builder="portal.reports.statistics.build_community_statistics",
            allowed="portal.accounts.access.is_staff_user",
        ),
    )
