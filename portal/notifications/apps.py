from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from portal.core import contract


class NotificationsConfig(contract.PortalAppConfig):
    name = "portal.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
    beat_schedule = {
        # Hourly, so an event created today for tomorrow still gets its reminder; each
        # sign-up is reminded once (a unique key per reminder).
        "events-day-before-reminders": {
            "task": "portal.notifications.tasks.event_reminders_send_task",
            "schedule": crontab(minute=5),
        },
    }
    # Sent when a tracked job (a report, an import) ends, to whoever asked for it.
    notification_kinds = (contract.NotificationKindSpec("job_finished", _("Task finished")),)
    public_nav = (
        contract.NavEntry(
            _("My messages"),
            "notifications:inbox",
            allowed="portal.accounts.access.is_signed_in",
            order=90,
        ),
    )

    def ready(self) -> None:
        from portal.notifications import receivers  # noqa: F401  (connects the signal receivers)
