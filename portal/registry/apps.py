import datetime as dt

from django.utils.translation import gettext_lazy as _

from portal.core import contract


class RegistryConfig(contract.PortalAppConfig):
    """The resident registry: sub-district, communities, compounds, households, residents."""

    name = "portal.registry"
    label = "registry"
    verbose_name = _("Resident registry")
    # The home page lists the communities; the staff counts count residents.
    public_page_models = ("registry.Community", "registry.SubDistrict")
    counted = True
    #: ``seed_demo`` (first): the sub-district, communities, residents and demo accounts.
    demo_seeder = "portal.registry.demo.seed_registry"
    beat_schedule = {
        "registry-elderly-tags-refresh": {
            "task": "portal.registry.tasks.elderly_tags_refresh_task",
            "schedule": dt.timedelta(days=1),
        },
    }
    staff_nav = (
        contract.NavEntry(_("Residents"), "registry:resident-list", order=10),
        contract.NavEntry(_("Households"), "registry:household-list", order=11),
    )
    report_kinds = (
        contract.ReportKindSpec(
            "resident_export",
            _("Resident list export"),
            builder="portal.registry.exports.build_resident_export",
            allowed="portal.accounts.access.is_staff_user",
        ),
    )
    #: The work plans' measures (``portal.registry.measures``).
    plan_measures = (
        contract.PlanMeasureSpec(
            "registry.imports",
            _("Registry imports written"),
            _("imports"),
            count="portal.registry.measures.count_imports",
        ),
        contract.PlanMeasureSpec(
            "registry.imported_residents",
            _("Residents added by imports"),
            _("persons"),
            count="portal.registry.measures.count_imported_residents",
        ),
    )
