import datetime as dt

from portal.core import contract


class ContractAppConfig(contract.PortalAppConfig):
    name = "tests.contract_app"
    label = "contract_app"
    verbose_name = "Contract test app"
    staff_nav = (
        contract.NavEntry(
            "Contract app",
            "contract_app:home",
            allowed="tests.contract_app.hooks.is_community_staff",
            order=150,
        ),
    )
    public_nav = (contract.NavEntry("Contract public", "contract_app:public", order=150),)
    public_pages = (r"/contract_app/",)
    counted = True
    staff_panels = "tests.contract_app.hooks.staff_panels"
    resident_panels = "tests.contract_app.hooks.resident_panels"
    household_panels = "tests.contract_app.hooks.household_panels"
    report_kinds = (
        contract.ReportKindSpec(
            "contract_report",
            "Contract report",
            builder="tests.contract_app.hooks.report_build",
            allowed="tests.contract_app.hooks.is_community_staff",
        ),
    )
    notification_kinds = (contract.NotificationKindSpec("contract_ping", "Contract ping"),)
    plan_measures = (
        contract.PlanMeasureSpec(
            "contract_app.things",
            "Things done",
            "件",
            count="tests.contract_app.hooks.things_count",
            scopes=(contract.SCOPE_COMMUNITY,),
        ),
    )
    beat_schedule = {
        "contract-app-tick": {
            "task": "tests.contract_app.hooks.tick_task",
            "schedule": dt.timedelta(hours=1),
        }
    }
