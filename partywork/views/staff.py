"""Staff pages of Party and League work, for the community's Party/League secretary and
sub-district staff. Every query starts from ``visible_to``; single records come through
``partywork.access`` (another community's record is a 404; a role without the need, 403).
Function views: one access call, one form, one service call, then redirect or render."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partywork import access
from partywork.forms.staff import (
    ContestEntryForm,
    ContestForm,
    DutyAssignForm,
    DutyEntryForm,
    JudgeForm,
    MeetingForm,
    MeetingScheduleForm,
    MembershipEndForm,
    MembershipForm,
    OfficerForm,
    OrganisationForm,
    PartyDayPlanForm,
    SelectionForm,
)
from partywork.models import (
    ContestEntry,
    DutyAssignment,
    Meeting,
    Membership,
    Nomination,
    Officer,
    Organisation,
    OrgKind,
    PartyDay,
    Selection,
)
from partywork.roles import party_worker_required
from partywork.services import duties, league, meetings, organisations, plans, selections
from portal.core.confirm import confirmation_page
from portal.core.forms import add_service_error
from portal.core.http import READ_METHODS
from portal.events.models import Registration

FORM_TEMPLATE = "partywork/form.html"


def _form_page(request: HttpRequest, form, *, title: str, back, extra: dict | None = None):
    return render(
        request, FORM_TEMPLATE, {"form": form, "title": title, "back": back, **(extra or {})}
    )


def _year(request: HttpRequest) -> int:
    """``?year=`` when it is a plausible year, else this year."""
    value = request.GET.get("year", "")
    if value.isascii() and value.isdigit() and 2000 <= int(value[:5]) <= 2100:
        return int(value)
    return timezone.localdate().year


# --- organisations ------------------------------------------------------------------------


@party_worker_required
@never_cache
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    """The organisations in the user's scope with their member counts and rule warnings."""
    rows = list(
        Organisation.objects.visible_to(request.user)
        .with_counts()
        .select_related("community", "parent")
        .order_by("community__code", "kind", "name")
    )
    return render(request, "partywork/organisation_list.html", {"organisations": rows})


@party_worker_required
@never_cache
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST if request.method == "POST" else None, user=request.user)
    if form.is_bound and form.is_valid():
        try:
            organisation = organisations.organisation_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error, {"duplicate": "name"})
        else:
            messages.success(request, _("The organisation is created."))
            return redirect(organisation)
    return _form_page(request, form, title=_("New organisation"), back=None)


@never_cache
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One organisation: members, officers, the rule warnings, the overdue and due
    meetings, the Party-day plans, recent meetings, selections and contests."""
    organisation = access.get_organisation_for_user(request.user, pk)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    today = timezone.localdate()
    memberships = list(
        organisation.memberships.select_related("resident").order_by(
            "left_on", "resident__name", "pk"
        )
    )
    return render(
        request,
        "partywork/organisation_detail.html",
        {
            "organisation": organisation,
            "current": [m for m in memberships if m.is_current],
            "former": [m for m in memberships if not m.is_current],
            "officers": list(
                organisation.officers.in_office(today).select_related("membership__resident")
            ),
            "warnings": organisation.warnings(today),
            "overdue": meetings.overdue_meetings(organisation, today=today),
            "due_soon": meetings.meetings_due_soon(organisation, today=today),
            "plans": list(organisation.party_day_plans.all()),
            "recent_meetings": list(
                organisation.meetings.annotate(attendee_count=Count("attendees"))[:10]
            ),
            "selections": list(organisation.selections.all()),
            "contests": list(organisation.contests.all()),
            "groups": list(organisation.children.all()),
            "today": today,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def membership_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access.get_organisation_for_user(request.user, pk)
    data = request.POST if request.method == "POST" else None
    form = MembershipForm(data, organisation=organisation)
    if form.is_bound and form.is_valid():
        try:
            organisations.membership_add(
                organisation=organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(
                form,
                error,
                {
                    "second_branch": "resident",
                    "other_community": "resident",
                    "age": "resident",
                    "future": "joined_on",
                    "before_founding": "joined_on",
                },
            )
        else:
            messages.success(request, _("The member is added."))
            return redirect(organisation)
    return _form_page(request, form, title=_("Add a member to the organisation"), back=organisation)


@never_cache
@require_http_methods(["GET", "POST"])
def plan_generate(request: HttpRequest, pk: int) -> HttpResponse:
    """The year's twelve Party days from the seed's themes (editable), in one action."""
    organisation = access.get_organisation_for_user(request.user, pk)
    form = PartyDayPlanForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            plan = plans.party_day_plan_generate(
                organisation=organisation,
                year=form.cleaned_data["year"],
                day_of_month=form.cleaned_data["day_of_month"],
                place=form.cleaned_data["place"],
                themes=form.themes(),
                by=request.user,
            )
        except ValidationError as error:
            add_service_error(
                form, error, {"duplicate": "year", "year": "year", "day": "day_of_month"}
            )
        else:
            messages.success(
                request,
                _("The twelve Party days of %(year)d are on the calendar.") % {"year": plan.year},
            )
            return redirect(organisation)
    return _form_page(request, form, title=_("Plan the year's Party days"), back=organisation)


@never_cache
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A branch's Party days of ``?year=``, with each event's sign-ups and attendance."""
    organisation = access.get_organisation_for_user(request.user, pk)
    year = _year(request)
    days = (
        PartyDay.objects.filter(plan__organisation=organisation, plan__year=year)
        .select_related("event")
        .annotate(
            signed=Count("event__registrations"),
            came=Count("event__registrations", filter=~_no_attendance()),
        )
        .order_by("month")
    )
    return render(
        request,
        "partywork/plan_detail.html",
        {"organisation": organisation, "year": year, "days": list(days)},
    )


def _no_attendance():
    from django.db.models import Q

    return Q(event__registrations__attended_at__isnull=True)


# --- members ------------------------------------------------------------------------------


@never_cache
def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One member's record: membership, posts, the roles taken and what they did,
    nominations and selections."""
    membership = access.get_membership_for_user(request.user, pk)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    assignments = list(
        membership.duties.prefetch_related(
            Prefetch("entries", queryset=_entries().select_related("event"))
        )
    )
    return render(
        request,
        "partywork/member_detail.html",
        {
            "membership": membership,
            "resident": membership.resident,
            "posts": list(Officer.objects.filter(membership=membership)),
            "assignments": assignments,
            "nominations": list(
                Nomination.objects.filter(membership=membership)
                .select_related("selection")
                .annotate(vote_count=Count("votes"))
            ),
            "others": list(
                Membership.objects.filter(resident_id=membership.resident_id)
                .exclude(pk=membership.pk)
                .select_related("organisation")
            ),
        },
    )


def _entries():
    from partywork.models import DutyEntry

    return DutyEntry.objects.order_by("-done_on", "-pk")


@never_cache
@require_http_methods(["GET", "POST"])
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a transfer out, ageing out or death; asks for confirmation first."""
    membership = access.get_membership_for_user(request.user, pk)
    form = MembershipEndForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        page = confirmation_page(
            request,
            question=_("Record that %(name)s left %(organisation)s?")
            % {"name": membership.resident, "organisation": membership.organisation},
            consequence=_(
                "The member's posts end on that day and the member no longer sees the "
                "organisation's members-only events."
            ),
            confirm_label=_("Record leaving"),
            back_url=membership.get_absolute_url(),
        )
        if page is not None:
            return page
        try:
            warnings = organisations.membership_end(
                membership=membership, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error, {"before_joining": "left_on", "future": "left_on"})
        else:
            messages.success(request, _("The leaving is recorded."))
            for warning in warnings:
                messages.warning(request, warning)
            return redirect(membership.organisation)
    return _form_page(request, form, title=_("Record leaving"), back=membership)


@never_cache
@require_http_methods(["GET", "POST"])
def officer_create(request: HttpRequest, pk: int) -> HttpResponse:
    membership = access.get_membership_for_user(request.user, pk)
    form = OfficerForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            organisations.officer_appoint(
                membership=membership, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error, {"invalid": "term_end", "post_taken": "post"})
        else:
            messages.success(request, _("The post is recorded."))
            return redirect(membership)
    return _form_page(request, form, title=_("Appoint to a post"), back=membership)


@never_cache
@require_http_methods(["GET", "POST"])
def duty_assign(request: HttpRequest, pk: int) -> HttpResponse:
    membership = access.get_membership_for_user(request.user, pk)
    form = DutyAssignForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            duties.duty_assign(membership=membership, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error, {"duplicate": "duty", "not_member": "year"})
        else:
            messages.success(request, _("The role is recorded."))
            return redirect(membership)
    return _form_page(request, form, title=_("Take one of the ten roles"), back=membership)


@never_cache
@require_http_methods(["GET", "POST"])
def duty_entry_create(request: HttpRequest, pk: int) -> HttpResponse:
    membership = access.get_membership_for_user(request.user, pk)
    form = DutyEntryForm(request.POST if request.method == "POST" else None, membership=membership)
    if form.is_bound and form.is_valid():
        try:
            duties.duty_entry_add(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(
                form,
                error,
                {
                    "wrong_year": "done_on",
                    "future": "done_on",
                    "not_attended": "event",
                    "empty": "description",
                },
            )
        else:
            messages.success(request, _("The entry is recorded."))
            return redirect(membership)
    return _form_page(request, form, title=_("What the member did"), back=membership)


@never_cache
@require_GET
def duty_summary(request: HttpRequest, pk: int) -> HttpResponse:
    """The yearly summary of the ten roles of a branch (``?year=``)."""
    organisation = access.get_organisation_for_user(request.user, pk)
    year = _year(request)
    return render(
        request,
        "partywork/duty_summary.html",
        {
            "organisation": organisation,
            "year": year,
            "rows": duties.duty_summary(organisation, year),
        },
    )


# --- meetings -----------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access.get_organisation_for_user(request.user, pk)
    form = MeetingForm(
        request.POST if request.method == "POST" else None, organisation=organisation
    )
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)
        data["attendees"] = list(data["attendees"]) or None
        try:
            meeting = meetings.meeting_record(organisation=organisation, by=request.user, **data)
        except ValidationError as error:
            add_service_error(
                form,
                error,
                {
                    "wrong_kind": "kind",
                    "future": "held_on",
                    "before_founding": "held_on",
                    "wrong_event": "event",
                    "not_member": "attendees",
                    "no_attendees": "attendees",
                },
            )
        else:
            messages.success(request, _("The meeting is recorded."))
            return redirect(meeting)
    return _form_page(request, form, title=_("Record a meeting"), back=organisation)


@never_cache
@require_http_methods(["GET", "POST"])
def meeting_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    """A coming meeting as a members-only event: it reaches the members' private feeds
    and takes their attendance, from which the meeting is recorded afterwards."""
    organisation = access.get_organisation_for_user(request.user, pk)
    form = MeetingScheduleForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            event = meetings.meeting_schedule(
                organisation=organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(
                form,
                error,
                {"wrong_kind": "kind", "past": "starts_at", "times": "ends_at", "empty": "topic"},
            )
        else:
            messages.success(
                request, _("The meeting is on the members' calendar: %(title)s") % {"title": event}
            )
            return redirect(organisation)
    return _form_page(request, form, title=_("Schedule a meeting"), back=organisation)


@never_cache
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    return render(
        request,
        "partywork/meeting_detail.html",
        {"meeting": meeting, "attendees": list(meeting.attendees.order_by("name"))},
    )


@party_worker_required
@never_cache
@require_GET
def overdue_list(request: HttpRequest) -> HttpResponse:
    """Every branch in scope with its overdue required meetings (four queries for any
    number of branches)."""
    today = timezone.localdate()
    branches = (
        Organisation.objects.visible_to(request.user)
        .filter(kind__in=(OrgKind.BRANCH, OrgKind.GENERAL_BRANCH), dissolved_on__isnull=True)
        .select_related("community")
        .order_by("community__code", "name")
    )
    branches = list(branches)
    periods = meetings.required_periods_of_many(branches, today=today)
    rows = [(branch, meetings.overdue_in(periods[branch.pk], today)) for branch in branches]
    return render(request, "partywork/overdue_list.html", {"rows": rows, "today": today})


# --- selections ---------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def selection_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access.get_organisation_for_user(request.user, pk)
    form = SelectionForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            selection = selections.selection_open(
                organisation=organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(
                form,
                error,
                {"duplicate": "year", "window": "vote_closes_at", "places": "places"},
            )
        else:
            messages.success(request, _("The selection is open for nominations."))
            return redirect(selection)
    return _form_page(request, form, title=_("Outstanding-member selection"), back=organisation)


@never_cache
def selection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Nominations with their reasons and vote counts (the result once recorded)."""
    selection = access.get_selection_for_user(request.user, pk)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    nominations = list(
        Nomination.objects.filter(selection=selection)
        .with_votes()
        .select_related("membership__resident", "nominated_by")
    )
    return render(
        request,
        "partywork/selection_detail.html",
        {
            "selection": selection,
            "nominations": nominations,
            "votes": sum(n.vote_count for n in nominations),
            "now": timezone.now(),
        },
    )


@never_cache
@require_POST
def selection_close(request: HttpRequest, pk: int) -> HttpResponse:
    selection = access.get_selection_for_user(request.user, pk)
    page = confirmation_page(
        request,
        question=_("Record the result of %(selection)s?") % {"selection": selection},
        consequence=_(
            "The members with most votes are recorded as selected; no more votes are taken."
        ),
        confirm_label=_("Record the result"),
        back_url=selection.get_absolute_url(),
    )
    if page is not None:
        return page
    try:
        chosen = selections.selection_close(selection=selection, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(count)d members are recorded as selected.") % {"count": len(chosen)}
        )
    return redirect(selection)


# --- the Youth League ---------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def contest_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access.get_organisation_for_user(request.user, pk)
    form = ContestForm(
        request.POST if request.method == "POST" else None, organisation=organisation
    )
    if form.is_bound and form.is_valid():
        try:
            contest = league.contest_create(
                organisation=organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error, {"wrong_event": "event", "empty": "title"})
        else:
            return redirect(contest)
    return _form_page(request, form, title=_("New contest"), back=organisation)


@never_cache
def contest_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The entries by category and age group with scores and awards; judging forms
    until the results are published."""
    contest = access.get_contest_for_user(request.user, pk)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    entries = list(contest.entries.select_related("entrant"))
    return render(
        request,
        "partywork/contest_detail.html",
        {"contest": contest, "entries": entries, "judge_form": JudgeForm()},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def contest_entry_create(request: HttpRequest, pk: int) -> HttpResponse:
    contest = access.get_contest_for_user(request.user, pk)
    form = ContestEntryForm(
        request.POST if request.method == "POST" else None, organisation=contest.organisation
    )
    if form.is_bound and form.is_valid():
        try:
            league.contest_entry_add(contest=contest, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(
                form,
                error,
                {"age": "entrant", "other_community": "entrant", "duplicate": "category"},
            )
        else:
            messages.success(request, _("The entry is recorded."))
            return redirect(contest)
    return _form_page(request, form, title=_("Enter the contest"), back=contest)


@never_cache
@require_POST
def contest_entry_judge(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    contest = access.get_contest_for_user(request.user, pk)
    entry = get_object_or_404(ContestEntry, pk=entry_pk, contest=contest)
    form = JudgeForm(request.POST)
    if form.is_valid():
        try:
            league.contest_entry_judge(entry=entry, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The judging is recorded."))
    else:
        messages.error(request, _("Give a score from 0 to 100 and an award."))
    return redirect(contest)


@never_cache
@require_POST
def contest_publish(request: HttpRequest, pk: int) -> HttpResponse:
    contest = access.get_contest_for_user(request.user, pk)
    page = confirmation_page(
        request,
        question=_("Publish the results of %(contest)s?") % {"contest": contest},
        consequence=_("No more entries or judging are taken after that."),
        confirm_label=_("Publish"),
        back_url=contest.get_absolute_url(),
    )
    if page is not None:
        return page
    try:
        league.contest_results_publish(contest=contest, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The results are published."))
    return redirect(contest)


@never_cache
@require_GET
def league_hours(request: HttpRequest, pk: int) -> HttpResponse:
    """Volunteer hours of the League's members (``?year=``) from the kernel's attendance."""
    organisation = access.get_organisation_for_user(request.user, pk)
    year = _year(request)
    members = Membership.objects.filter(organisation=organisation).values("resident")
    totals = {
        row["resident"]: row
        for row in Registration.objects.filter(resident__in=members)
        .in_period(dt.date(year, 1, 1), dt.date(year, 12, 31))
        .hour_totals()
    }
    rows = [
        (membership, totals.get(membership.resident_id))
        for membership in organisation.memberships.select_related("resident").order_by(
            "resident__name"
        )
    ]
    return render(
        request,
        "partywork/league_hours.html",
        {"organisation": organisation, "year": year, "rows": rows},
    )


__all__ = ["DutyAssignment", "Meeting", "Selection"]
