from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from portal.core import contract


class PlansConfig(contract.PortalAppConfig):
    """The yearly work plans (年度工作计划): items with targets counted from every app's
    records through the ``plan_measures`` hook, progress against pace, snapshots, the
    year-end summary and the public 计划完成情况 page."""

    name = "portal.plans"
    label = "plans"
    verbose_name = _("Work plans")
    staff_panels = "portal.plans.dashboard.staff_panels"
    #: A changed plan, item or value forgets the staff home's cached "behind" figures.
    counted = True
    #: ``seed_demo``: the seed's six plans as this year's sub-district plan.
    demo_seeder = "portal.plans.demo.seed_plans"
    staff_nav = (
        contract.NavEntry(
            _("Work plans"),
            "plans:plan-list",
            allowed="portal.plans.roles.is_plan_viewer",
            order=90,
        ),
    )
    public_nav = (contract.NavEntry(_("Plan progress"), "plans:public", order=40),)
    public_pages = (r"/plans/",)
    public_page_models = ("plans.Plan", "plans.Chapter", "plans.Item", "plans.ItemValue")
    report_kinds = (
        contract.ReportKindSpec(
            "plan_summary",
            _("Year-end work plan summary"),
            builder="portal.plans.summary.build_plan_summary",
            allowed="portal.plans.roles.is_plan_viewer",
        ),
    )
    beat_schedule = {
        # Each morning, this year's values to yesterday's end are counted afresh.
        "plans-values-compute": {
            "task": "portal.plans.tasks.plan_values_compute_task",
            "schedule": crontab(minute=30, hour=1),
        },
        # Daily, so a missed night is caught up; a month's snapshot is kept once.
        "plans-snapshots-take": {
            "task": "portal.plans.tasks.plan_snapshots_take_task",
            "schedule": crontab(minute=45, hour=1),
        },
    }
