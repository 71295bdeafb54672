from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    name = "portal.guide"
    label = "guide"
    verbose_name = _("Service guide")
    #: ``seed_demo``: the demo guide entries.
    demo_seeder = "portal.guide.demo.seed_services"
