from django.utils.translation import gettext_lazy as _

from portal.core import contract


class PartyworkConfig(contract.PortalAppConfig):
    """Party and Youth League work 党建与共青团 (seed chapters 4 and 6)."""

    name = "partywork"
    verbose_name = _("Party and Youth League work")
    counted = True
