from django.utils.translation import gettext_lazy as _

from portal.core import contract


class CoreConfig(contract.PortalAppConfig):
    """Pages and plumbing shared by every app: home, staff home, health check, errors."""

    name = "portal.core"
    label = "core"
    verbose_name = _("Portal")
    staff_nav = (contract.NavEntry(_("Staff home"), "core:staff-home", order=0),)
    public_nav = (contract.NavEntry(_("Home"), "core:home", order=0),)
    notification_kinds = (contract.NotificationKindSpec("job_finished", _("Task finished")),)
