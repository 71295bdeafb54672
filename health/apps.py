from django.utils.translation import gettext_lazy as _

from portal.core import contract


class HealthConfig(contract.PortalAppConfig):
    """Community health 社区卫生 (seed chapter 2): doctors, contracts, appointments, follow-ups."""

    name = "health"
    verbose_name = _("Community health")
    counted = True
