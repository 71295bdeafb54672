from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HealthConfig(AppConfig):
    """Community health 社区卫生 (seed chapter 2): doctors, contracts, appointments, follow-ups."""

    name = "health"
    verbose_name = _("Community health")
