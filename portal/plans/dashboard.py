"""The work plans' panel on the staff home: this year's items behind their pace (and
milestones past due), per plan in the viewer's scope, read from the daily values and kept
in the count cache (``cached_figure``) until a plan row changes."""

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.cache import cached_figure
from portal.core.panels import DueLine, Panel
from portal.plans.board import plan_board
from portal.plans.models import Plan
from portal.plans.roles import is_plan_viewer


def behind_counts(user: Any) -> list[tuple[str, int, int]]:
    """``(title, plan id, items behind)`` of this year's plans in ``user``'s scope: one
    query without plans, four more per plan. A community's staff see the sub-district
    plan's figures for their community."""
    plans = list(
        Plan.objects.visible_to(user)
        .for_year(timezone.localdate().year)
        .select_related("community")
        .order_by("community__code", "pk")
    )
    counts = []
    for plan in plans:
        community = None
        if plan.community_id is None and not user.sees_all_communities:
            community = user.community
        board = plan_board(plan, community, charts=False)
        counts.append((plan.title, plan.pk, len(board.behind)))
    return counts


def staff_panels(user: Any) -> list[Panel]:
    if not is_plan_viewer(user):
        return []
    scope = f"{user.sees_all_communities}:{user.community_id}:{timezone.localdate()}"
    counts = cached_figure("plans-behind", scope, lambda: behind_counts(user))
    if not counts:
        return []
    lines = []
    for title, pk, behind in counts:
        url = reverse("plans:plan-detail", args=[pk])
        lines.append(
            DueLine(
                _("%(plan)s: items behind") % {"plan": title},
                behind,
                f"{url}?status=behind",
                urgent=True,
            )
        )
    return [Panel(title=_("Work plans: behind"), url=reverse("plans:plan-list"), lines=lines)]
