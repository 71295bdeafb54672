from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    """Social assistance 社会救助 (seed chapter 1): programmes, 低保 workflow, rosters, charity."""

    name = "assistance"
    verbose_name = _("Social assistance")
