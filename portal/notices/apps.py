from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "portal.notices"
    label = "notices"
    verbose_name = _("Notices")
    #: ``seed_demo``: the demo notices.
    demo_seeder = "portal.notices.demo.seed_notices"
