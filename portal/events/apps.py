from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "portal.events"
    label = "events"
    verbose_name = _("Events and sign-ups")
    #: ``seed_demo``: the demo calendar and the demo resident's registry link.
    demo_seeder = "portal.events.demo.seed_demo"
