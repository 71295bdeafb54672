from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from portal.core import contract


class HealthConfig(contract.PortalAppConfig):
    """Community health 社区卫生 (seed chapter 2): doctors, contracts, appointments, follow-ups."""

    name = "health"
    verbose_name = _("Community health")
    counted = True
    demo_seeder = "health.demo.seed_health"
    staff_panels = "health.dashboard.staff_panels"
    resident_panels = "health.dashboard.resident_panels"
    staff_nav = (
        contract.NavEntry(
            _("Community health"), "health:home", allowed="health.roles.is_health_office", order=120
        ),
    )
    public_nav = (
        contract.NavEntry(
            _("Book a doctor"),
            "health:book",
            allowed="portal.accounts.access.is_signed_in",
            order=86,
        ),
        contract.NavEntry(
            _("My appointments"),
            "health:my-bookings",
            allowed="portal.accounts.access.is_signed_in",
            order=87,
        ),
    )
    report_kinds = (
        contract.ReportKindSpec(
            "health_contract_coverage",
            _("Family-doctor contract coverage"),
            builder="health.reports.build_coverage",
            allowed="health.roles.is_health_office",
        ),
    )
    notification_kinds = (
        contract.NotificationKindSpec("health_booking_reminder", _("Appointment reminder")),
        contract.NotificationKindSpec("health_contract_renewal", _("Contract renewal reminder")),
        contract.NotificationKindSpec("health_dose_due", _("Vaccination due")),
        contract.NotificationKindSpec("health_booking_cancelled", _("Appointment cancelled")),
    )
    beat_schedule = {
        # Slots of every timetable a fortnight ahead (idempotent).
        "health-slots-open": {
            "task": "health.tasks.slots_open_task",
            "schedule": crontab(minute=10, hour=0),
        },
        # Bookings whose slot ended unattended become no-shows.
        "health-no-shows": {
            "task": "health.tasks.bookings_no_show_task",
            "schedule": crontab(minute=5),
        },
        # The day before: "您明天 9:00 在…有预约", once per booking.
        "health-booking-reminders": {
            "task": "health.tasks.bookings_remind_task",
            "schedule": crontab(minute=0, hour=18),
        },
        # Guardians of children with a dose due this week, once per dose.
        "health-dose-reminders": {
            "task": "health.tasks.dose_reminders_send_task",
            "schedule": crontab(minute=30, hour=9),
        },
        # Contracts: 待续约 30 days before the end (told once), expired after it.
        "health-contract-upkeep": {
            "task": "health.tasks.contracts_upkeep_task",
            "schedule": crontab(minute=40, hour=0),
        },
    }
    plan_measures = (
        contract.PlanMeasureSpec(
            "health.contracts_signed",
            _("Family-doctor contracts signed"),
            _("people"),
            count="health.measures.contracts_signed",
            options=(
                ("elderly", _("Aged 65 and over")),
                ("child", _("Child aged 0–6")),
                ("hypertension", _("Hypertension")),
                ("diabetes", _("Type-2 diabetes")),
                ("smi", _("Severe mental disorder")),
            ),
        ),
        contract.PlanMeasureSpec(
            "health.followups_done",
            _("Chronic-disease follow-ups"),
            _("visits"),
            count="health.measures.followups_done",
            options=(
                ("hypertension", _("Hypertension")),
                ("diabetes", _("Type-2 diabetes")),
                ("smi", _("Severe mental disorder")),
            ),
        ),
        contract.PlanMeasureSpec(
            "health.elderly_checks",
            _("Yearly checks of residents 65 and over"),
            _("people"),
            count="health.measures.elderly_checks",
        ),
        contract.PlanMeasureSpec(
            "health.doses_given",
            _("Vaccine doses given"),
            _("doses"),
            count="health.measures.doses_given",
        ),
    )
