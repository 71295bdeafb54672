from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Pages and plumbing shared by every app: home, staff home, health check, errors."""

    name = "portal.core"
    label = "core"
    verbose_name = _("Portal")
