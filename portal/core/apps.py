from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Plumbing shared by every app: health check, error pages, tracked jobs, dates, forms."""

    name = "portal.core"
    label = "core"
    verbose_name = _("Portal")
