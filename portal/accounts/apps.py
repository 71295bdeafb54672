from django.utils.translation import gettext_lazy as _

from portal.core import contract


class AccountsConfig(contract.PortalAppConfig):
    """Staff and resident accounts, roles, and the community scope of every staff query."""

    name = "portal.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")
    # Users and roles are set in the Django admin.
    staff_nav = (
        contract.NavEntry(
            _("Administration"),
            "admin:index",
            allowed="portal.accounts.access.is_site_admin",
            order=1000,
        ),
    )

    def ready(self) -> None:
        from portal.accounts import signals  # noqa: F401
