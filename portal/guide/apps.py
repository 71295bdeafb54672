from django.utils.translation import gettext_lazy as _

from portal.core import contract


class GuideConfig(contract.PortalAppConfig):
    name = "portal.guide"
    label = "guide"
    verbose_name = _("Service guide")
    #: ``seed_demo``: the demo guide entries.
    demo_seeder = "portal.guide.demo.seed_services"
    staff_nav = (
        contract.NavEntry(
            _("Service guide"),
            "guide:staff-list",
            allowed="portal.accounts.access.is_subdistrict_user",
            order=520,
        ),
    )
    public_nav = (contract.NavEntry(_("Service guide"), "guide:service-list", order=10),)
    public_pages = (r"/services/(?:[-\w]+/)?",)
    public_page_models = ("guide.ServiceEntry",)
