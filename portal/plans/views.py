"""The work plans' pages: the staff list, a plan by chapter with its progress, the item
forms and milestone evidence, the printable year-end summary, and the residents' public
计划完成情况 page.

Every staff query starts from ``visible_to``; single records come through
``portal.plans.access`` (another community's plan is a 404). Progress is read from the
daily values (``services.values_compute``), never counted while the page renders.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.core.confirm import confirmation_page
from portal.core.forms import add_service_error
from portal.plans import services
from portal.plans.access import (
    get_item_for_user,
    get_item_to_edit,
    get_plan_for_user,
    get_plan_to_edit,
)
from portal.plans.board import plan_board
from portal.plans.forms import ChapterForm, ItemForm, MilestoneForm, PlanForm, ScopeForm
from portal.plans.models import Item, Plan
from portal.plans.progress import Pace
from portal.plans.roles import (
    is_plan_editor,
    may_edit_plan,
    plan_editor_required,
    plan_viewer_required,
)
from portal.plans.summary import REPORT_KIND, summary_of
from portal.registry.models import SubDistrict
from portal.reports.services import report_request

PLAN_ERROR_FIELDS = {"year": "year", "duplicate": "community", "title": "title"}
MILESTONE_ERROR_FIELDS = {
    "no_date": "done_on",
    "future": "done_on",
    "no_evidence": "evidence_note",
    "evidence_scope": "evidence_event",
}


# --- plans ---------------------------------------------------------------------------------


@plan_viewer_required
@never_cache
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    """The plans of the viewer's scope (the sub-district's and their community's), newest
    year first. One query."""
    plans = Plan.objects.visible_to(request.user).select_related("community")
    return render(
        request,
        "plans/plan_list.html",
        {
            "plans": list(plans.order_by("-year", "community__code", "pk")),
            "may_create": is_plan_editor(request.user),
        },
    )


@plan_editor_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    """A new plan for a year and scope (community staff: their own community's)."""
    user = request.user
    form = PlanForm(request.POST or None, user=user, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(
                year=form.cleaned_data["year"],
                community=form.cleaned_data["community"],
                title=form.cleaned_data["title"],
                by=user,
            )
        except ValidationError as error:
            add_service_error(form, error, PLAN_ERROR_FIELDS)
        else:
            messages.success(request, _("The plan was created. Add its chapters and items."))
            return redirect(plan)
    return render(request, "plans/plan_form.html", {"form": form})


@plan_viewer_required
@never_cache
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A plan by chapter: each item's value to date, share, pace and chart, for the
    plan's scope or (a sub-district plan) one community; ``?status=behind`` keeps the
    items behind."""
    user = request.user
    plan = get_plan_for_user(user, pk)
    community = None
    scope_form = None
    if plan.community_id is None:
        scope_form = ScopeForm(request.GET or None, user=user)
        if scope_form.is_bound and scope_form.is_valid():
            community = scope_form.cleaned_data["community"]
        elif not user.sees_all_communities:
            community = user.community
    board = plan_board(plan, community)
    only_behind = request.GET.get("status") == Pace.BEHIND
    if only_behind:
        for chapter in board.chapters:
            chapter.rows = [row for row in chapter.rows if row.progress.is_behind]
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "board": board,
            "scope_form": scope_form,
            "community": community,
            "only_behind": only_behind,
            "may_edit": may_edit_plan(user, plan),
            "chapter_form": ChapterForm(),
        },
    )


@plan_viewer_required
@require_POST
def plan_compute(request: HttpRequest, pk: int) -> HttpResponse:
    """Count the plan's measured items now instead of waiting for the night's job."""
    plan = get_plan_for_user(request.user, pk)
    services.values_compute(plan=plan)
    messages.success(request, _("The values were computed afresh."))
    return redirect(plan)


@plan_editor_required
@require_POST
def plan_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """Start next year's plan of the same scope from this one (asks first)."""
    plan = get_plan_to_edit(request.user, pk)
    page = confirmation_page(
        request,
        question=_("Start the plan of %(year)s from this one?") % {"year": plan.year + 1},
        consequence=_(
            "A new plan is made with the same chapters, items, targets and measures, dates a "
            "year later; milestones start not done."
        ),
        confirm_label=_("Start next year's plan"),
        back_url=plan.get_absolute_url(),
    )
    if page is not None:
        return page
    try:
        new = services.plan_copy_next_year(plan=plan, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(plan)
    messages.success(request, _("Next year's plan was started from this one."))
    return redirect(new)


@plan_viewer_required
@never_cache
@require_GET
def plan_summary(request: HttpRequest, pk: int) -> HttpResponse:
    """The year-end summary as a printable page (counted afresh)."""
    user = request.user
    plan = get_plan_for_user(user, pk)
    community = None if user.sees_all_communities else user.community
    return render(
        request,
        "plans/plan_summary.html",
        {
            "plan": plan,
            "summary": summary_of(plan, community=community),
            "sub_district": SubDistrict.objects.first(),
        },
    )


@plan_viewer_required
@require_POST
def plan_summary_request(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for the summary workbook (a report job of kind ``plan_summary``)."""
    plan = get_plan_for_user(request.user, pk)
    community = plan.community
    if community is None and not request.user.sees_all_communities:
        community = request.user.community
    job = report_request(
        kind=REPORT_KIND,
        user=request.user,
        title=_("Year-end summary: %(plan)s") % {"plan": plan.title},
        community=community,
        params={"plan": plan.pk},
        selection=plan.title,
    )
    return redirect(job)


@plan_editor_required
@require_POST
def chapter_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_to_edit(request.user, pk)
    form = ChapterForm(request.POST)
    if form.is_valid():
        try:
            services.chapter_add(plan=plan, title=form.cleaned_data["title"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The chapter was added."))
    else:
        messages.error(request, _("Give the chapter a title of at most 120 characters."))
    return redirect(plan)


# --- items ---------------------------------------------------------------------------------


def _item_form(request: HttpRequest, item: Item, plan: Plan, *, created: bool) -> HttpResponse:
    form = ItemForm(request.POST or None, instance=item, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_save(item=form.instance, by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The item was saved."))
            return redirect(form.instance)
    return render(request, "plans/item_form.html", {"form": form, "plan": plan, "created": created})


@plan_editor_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_to_edit(request.user, pk)
    if not plan.chapters.exists():
        messages.error(request, _("Add a chapter first."))
        return redirect(plan)
    chapter = plan.chapters.order_by("position", "pk").first()
    return _item_form(request, Item(chapter=chapter), plan, created=True)


@plan_editor_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_to_edit(request.user, pk)
    return _item_form(request, item, item.chapter.plan, created=False)


@plan_viewer_required
@never_cache
@require_GET
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One item: its progress and chart, its month-end snapshots with their notes, and a
    milestone's evidence."""
    item = get_item_for_user(request.user, pk)
    plan = item.chapter.plan
    community = None
    if plan.community_id is None and not request.user.sees_all_communities:
        community = request.user.community
    board = plan_board(plan, community)
    row = next(row for row in board.rows if row.item.pk == item.pk)
    return render(
        request,
        "plans/item_detail.html",
        {
            "item": row.item,
            "row": row,
            "board": board,
            "plan": plan,
            "may_edit": may_edit_plan(request.user, plan),
        },
    )


@plan_editor_required
@require_http_methods(["GET", "POST"])
def item_milestone(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a milestone done with its evidence."""
    item = get_item_to_edit(request.user, pk)
    initial = {
        "done_on": item.done_on or timezone.localdate(),
        "evidence_event": item.evidence_event_id,
        "evidence_notice": item.evidence_notice_id,
        "evidence_note": item.evidence_note,
    }
    form = MilestoneForm(request.POST or None, request.FILES or None, item=item, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.milestone_mark(
                item=item,
                done_on=data["done_on"],
                file=data["evidence_file"],
                event=data["evidence_event"],
                notice=data["evidence_notice"],
                note=data["evidence_note"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error, MILESTONE_ERROR_FIELDS)
        else:
            messages.success(request, _("The milestone was marked done."))
            return redirect(item)
    return render(request, "plans/milestone_form.html", {"form": form, "item": item})


@plan_viewer_required
@require_GET
def item_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """A milestone's evidence file, for the staff who may see the plan (never a public
    media address: it may name people). Files are at most ``EVIDENCE_MAX_BYTES``."""
    item = get_item_for_user(request.user, pk)
    if not item.evidence_file:
        raise Http404
    try:
        with item.evidence_file.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        raise Http404 from None
    name = item.evidence_file.name.rsplit("/", 1)[-1]
    response = HttpResponse(content, content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@plan_editor_required
@require_POST
def item_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_to_edit(request.user, pk)
    try:
        services.milestone_reopen(item=item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The milestone is open again."))
    return redirect(item)


@plan_editor_required
@require_POST
def item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_to_edit(request.user, pk)
    plan = item.chapter.plan
    page = confirmation_page(
        request,
        question=_("Delete this plan item?"),
        consequence=_("The item, its computed values and its month-end snapshots are deleted."),
        confirm_label=_("Delete the item"),
        back_url=item.get_absolute_url(),
    )
    if page is not None:
        return page
    services.item_delete(item=item, by=request.user)
    messages.success(request, _("The item was deleted."))
    return redirect(plan)


# --- the public page ------------------------------------------------------------------------


@login_not_required
@require_GET
def public_progress(request: HttpRequest) -> HttpResponse:
    """计划完成情况: the public items of the sub-district's plan of this year (or of
    ``?year=``), with their progress. No names, no evidence: the promise and the figure."""
    today = timezone.localdate()
    year = today.year
    raw = request.GET.get("year", "")
    if raw.isascii() and raw.isdigit() and len(raw) == 4:
        year = int(raw)
    plan = Plan.objects.unscoped().filter(year=year, community=None).first()
    board = plan_board(plan, None, charts=False, public_only=True) if plan else None
    years = list(
        Plan.objects.unscoped()
        .filter(community=None)
        .order_by("-year")
        .values_list("year", flat=True)
    )
    return render(
        request,
        "plans/public_progress.html",
        {
            "plan": plan,
            "board": board,
            "year": year,
            "years": years,
            "sub_district": SubDistrict.objects.first(),
        },
    )
