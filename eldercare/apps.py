from django.utils.translation import gettext_lazy as _

from portal.core import contract


class EldercareConfig(contract.PortalAppConfig):
    """Elder care 养老服务 (seed chapters 1 and 3): profiles, stations, call devices, volunteers."""

    name = "eldercare"
    verbose_name = _("Elder care")
    counted = True
