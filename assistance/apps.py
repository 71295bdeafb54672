from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    """Social assistance 社会救助 (seed chapter 1): programmes, 低保 workflow, rosters, charity."""

    name = "assistance"
    verbose_name = _("Social assistance")
    #: Called by ``seed_demo`` in ``INSTALLED_APPS`` order, after the kernel apps' seeders.
    demo_seeder = "assistance.demo.seed_assistance"
    #: The staff home's panel of work due (``portal.core.panels``).
    staff_panels = "assistance.dashboard.staff_panels"

    def ready(self) -> None:
        # Registers the rules objects (``Programme.rules``) and connects the receivers.
        from assistance import rules, signals  # noqa: F401
