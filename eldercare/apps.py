from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from portal.core import contract


class EldercareConfig(contract.PortalAppConfig):
    """Elder care 养老服务 (seed chapters 1 and 3): profiles, stations, call devices, volunteers."""

    name = "eldercare"
    verbose_name = _("Elder care")
    counted = True
    demo_seeder = "eldercare.demo.seed_eldercare"
    staff_panels = "eldercare.dashboard.staff_panels"
    resident_panels = "eldercare.dashboard.resident_panels"
    staff_nav = (
        contract.NavEntry(
            _("Elder care"),
            "eldercare:elder-list",
            allowed="eldercare.roles.is_eldercare_manager",
            order=110,
        ),
        contract.NavEntry(
            _("Home-care stations"),
            "eldercare:station-list",
            allowed="eldercare.roles.is_station_operator",
            order=111,
        ),
    )
    public_nav = (
        contract.NavEntry(
            _("My elder visits"),
            "eldercare:my-visits",
            allowed="eldercare.roles.is_volunteer_user",
            order=86,
        ),
    )
    report_kinds = (
        contract.ReportKindSpec(
            "eldercare_allowance",
            _("Old-age allowance monthly list"),
            builder="eldercare.workbooks.build_allowance",
            allowed="eldercare.roles.is_eldercare_manager",
        ),
        contract.ReportKindSpec(
            "eldercare_stations",
            _("Home-care stations monthly figures"),
            builder="eldercare.workbooks.build_stations",
            allowed="eldercare.roles.is_eldercare_manager",
        ),
    )
    notification_kinds = (
        contract.NotificationKindSpec("eldercare_visit_lapsed", _("Elder visit lapsed")),
        contract.NotificationKindSpec("eldercare_reassessment_due", _("Reassessment due")),
        contract.NotificationKindSpec("eldercare_request", _("Elder-care request")),
    )
    beat_schedule = {
        # Pairings whose visit is overdue: one alert per lapse to the community's staff.
        "eldercare-visit-lapses": {
            "task": "eldercare.tasks.visit_lapses_check_task",
            "schedule": crontab(minute=15, hour=8),
        },
        # Capability reassessments due within ELDERCARE_REASSESSMENT_REMINDER_DAYS.
        "eldercare-reassessment-reminders": {
            "task": "eldercare.tasks.reassessment_reminders_send_task",
            "schedule": crontab(minute=20, hour=8),
        },
    }
    plan_measures = (
        contract.PlanMeasureSpec(
            "eldercare.devices_installed",
            _("Emergency-call devices installed"),
            _("units"),
            count="eldercare.measures.devices_installed",
        ),
        contract.PlanMeasureSpec(
            "eldercare.assessments_done",
            _("Capability assessments done"),
            _("person-times"),
            count="eldercare.measures.assessments_done",
        ),
        contract.PlanMeasureSpec(
            "eldercare.station_services",
            _("Home-care services given"),
            _("person-times"),
            count="eldercare.measures.station_services",
            options=(("free", _("Free services")),),
        ),
        contract.PlanMeasureSpec(
            "eldercare.visits_approved",
            _("Volunteer visits to elders"),
            _("person-times"),
            count="eldercare.measures.visits_approved",
        ),
        contract.PlanMeasureSpec(
            "eldercare.allowance_recipients",
            _("Old-age allowance recipients"),
            _("people"),
            count="eldercare.measures.allowance_recipients",
        ),
    )
