"""The work plans' part of the URL walk (collected by tests/security/urlwalk.py): a plan
of community A with a measured item and a milestone done with an evidence file."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from portal.plans.models import Chapter, Item, ItemKind, Plan

ARGUMENTS = {
    **{
        f"plans:{name}": lambda o: {"pk": o.plan.pk}
        for name in (
            "plan-detail",
            "plan-compute",
            "plan-copy",
            "plan-summary",
            "plan-summary-request",
            "chapter-create",
            "item-create",
        )
    },
    **{
        f"plans:{name}": lambda o: {"pk": o.plan_milestone.pk}
        for name in ("item-milestone", "item-reopen", "item-evidence")
    },
    "plans:item-detail": lambda o: {"pk": o.plan_item.pk},
    "plans:item-edit": lambda o: {"pk": o.plan_item.pk},
    "plans:item-delete": lambda o: {"pk": o.plan_item.pk},
}


def walk_objects(o: SimpleNamespace) -> dict[str, Any]:
    year = timezone.localdate().year
    plan = Plan.objects.create(year=year, community=o.community, title=f"{year}年社区工作计划")
    chapter = Chapter.objects.create(plan=plan, title="篇4 党建工作", position=1)
    item = Item.objects.create(
        chapter=chapter,
        text="每月开展一次主题党日活动，全年12次。",
        kind=ItemKind.MEASURED,
        target=Decimal(12),
        measure_key="events.held",
        option="party_day",
        public=True,
    )
    milestone = Item.objects.create(
        chapter=chapter,
        text="2月份召开党小组成立大会。",
        kind=ItemKind.MILESTONE,
        done_on=dt.date(year, 1, 1),
        evidence_note="会议记录存档。",
    )
    milestone.evidence_file.save("minutes.txt", ContentFile(b"minutes"), save=True)
    return {"plan": plan, "plan_item": item, "plan_milestone": milestone}


# Rows of the fuzz pass's tables (tests/security/test_fuzz.py): forms submitted to their view.
FORM_VIEWS = {
    "PlanForm": ("plans:plan-create", "post", None),
    "ChapterForm": ("plans:chapter-create", "post", lambda o: [o.plan.pk]),
    "ItemForm": ("plans:item-create", "post", lambda o: [o.plan.pk]),
    "MilestoneForm": ("plans:item-milestone", "post", lambda o: [o.plan_milestone.pk]),
    "ScopeForm": ("plans:plan-detail", "get", lambda o: [o.plan.pk]),
}
