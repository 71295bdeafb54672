from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from portal.core import contract


class PartyworkConfig(contract.PortalAppConfig):
    """Party and Youth League work 党建与共青团 (seed chapters 4 and 6)."""

    name = "partywork"
    verbose_name = _("Party and Youth League work")
    counted = True
    demo_seeder = "partywork.demo.seed_partywork"
    staff_panels = "partywork.dashboard.staff_panels"
    resident_panels = "partywork.dashboard.resident_panels"
    staff_nav = (
        contract.NavEntry(
            _("Party and League"),
            "partywork:organisation-list",
            allowed="partywork.roles.is_party_worker",
            order=400,
        ),
    )
    public_nav = (
        contract.NavEntry(
            _("My Party and League work"),
            "partywork:my-partywork",
            allowed="partywork.roles.is_linked_resident",
            order=88,
        ),
    )
    notification_kinds = (
        contract.NotificationKindSpec("partywork_meeting_due", _("Required Party meeting due")),
    )
    beat_schedule = {
        # Required meetings not yet held in a period ending within MEETING_REMINDER_DAYS,
        # told to the community's Party secretaries once per kind and period.
        "partywork-meeting-reminders": {
            "task": "partywork.tasks.meeting_reminders_send_task",
            "schedule": crontab(minute=15, hour=8),
        },
    }
    plan_measures = (
        contract.PlanMeasureSpec(
            "partywork.party_days_held",
            _("Theme Party days held"),
            _("sessions"),
            count="partywork.measures.party_days_held",
        ),
        contract.PlanMeasureSpec(
            "partywork.meetings_held",
            _("Party meetings held"),
            _("sessions"),
            count="partywork.measures.meetings_held",
            options=(
                ("general_assembly", _("Branch general assembly")),
                ("committee", _("Branch committee meeting")),
                ("group", _("Party group meeting")),
                ("lesson", _("Party lesson")),
                ("life", _("Organisational life meeting")),
                ("appraisal", _("Democratic appraisal of members")),
            ),
        ),
        contract.PlanMeasureSpec(
            "partywork.members",
            _("Party members"),
            _("people"),
            count="partywork.measures.members",
            options=(("league", _("Youth League members")),),
        ),
        contract.PlanMeasureSpec(
            "partywork.league_activities",
            _("Youth League activities held"),
            _("sessions"),
            count="partywork.measures.league_activities",
        ),
    )
