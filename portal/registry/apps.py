from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    """The resident registry: sub-district, communities, compounds, households, residents."""

    name = "portal.registry"
    label = "registry"
    verbose_name = _("Resident registry")
    #: ``seed_demo`` (first): the sub-district, communities, residents and demo accounts.
    demo_seeder = "portal.registry.demo.seed_registry"
