from django.utils.translation import gettext_lazy as _

from portal.core import contract


class CoreConfig(contract.PortalAppConfig):
    """Plumbing shared by every app: health check, error pages, tracked jobs, dates, forms,
    and the app contract (``contract``, ``hooks``)."""

    name = "portal.core"
    label = "core"
    verbose_name = _("Portal")
    staff_nav = (contract.NavEntry(_("Staff home"), "core:staff-home", order=0),)
    public_nav = (contract.NavEntry(_("Home"), "core:home", order=0),)
    public_pages = (r"/",)
    public_page_models = ("core.OfficialDay",)

    def ready(self) -> None:
        # The public page cache and the count cache forget what changed rows make stale
        # (signal receivers), in every process that writes: web, Celery worker, commands.
        # The system checks register themselves; the date bounds guard every form.
        from portal.core import bounds, cache, checks  # noqa: F401

        bounds.install()
