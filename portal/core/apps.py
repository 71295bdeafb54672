from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Pages and plumbing shared by every app: home, staff home, health check, errors."""

    name = "portal.core"
    label = "core"
    verbose_name = _("Portal")

    def ready(self) -> None:
        # The public page cache and the count cache forget what changed rows make stale
        # (signal receivers), in every process that writes: web, Celery worker, commands.
        from portal.core import cache  # noqa: F401
