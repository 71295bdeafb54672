from django.utils.translation import gettext_lazy as _

from portal.core import contract


class NoticesConfig(contract.PortalAppConfig):
    name = "portal.notices"
    label = "notices"
    verbose_name = _("Notices")
    #: ``seed_demo``: the demo notices.
    demo_seeder = "portal.notices.demo.seed_notices"
    staff_nav = (
        contract.NavEntry(
            _("Notices"),
            "notices:staff-list",
            allowed="portal.accounts.access.is_notice_editor",
            order=510,
        ),
    )
    public_nav = (contract.NavEntry(_("Notices"), "notices:notice-list", order=30),)
    public_pages = (r"/notices/(?:\d+/)?",)
    public_page_models = ("notices.Notice", "notices.NoticeListing")
    #: The work plans' measure (``portal.notices.measures``); option: the notice kind.
    plan_measures = (
        contract.PlanMeasureSpec(
            "notices.published",
            _("Notices published"),
            _("items"),
            count="portal.notices.measures.count_published",
            options=(
                ("announcement", _("Announcement")),
                ("publicity", _("Public notice")),
                ("news", _("News")),
            ),
        ),
    )
