"""The clinical side: registries and follow-ups, the due/overdue lists, vaccinations, the
65+ yearly check and the 主动发现 list. Family doctors of the community only
(``health.roles.clinician_required``); every view of a patient, a follow-up or a child's
plan writes an access entry (``health.access``)."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from health import immunisation
from health.access import (
    get_child_plan_for_user,
    get_followup_for_user,
    get_patient_for_user,
    record_access,
)
from health.forms.clinical import (
    ChildPlanForm,
    DoseForm,
    ElderlyCheckForm,
    FollowUpForm,
    PatientForm,
)
from health.models import ChildPlan, Contract, ElderlyCheck, Patient, Team
from health.roles import clinician_required, office_required
from health.rules import setting
from health.services import records
from health.services.contracts import derived_key_groups
from portal.core.dates import years_before
from portal.core.forms import add_service_error
from portal.core.http import int_or_404
from portal.core.paging import paginate
from portal.registry.models import Resident

FOLLOWUP_ERROR_FIELDS = {"future": "visited_on", "too_early": "visited_on"}
LIST_LIMIT = 500


# --- registries and follow-ups ---


@clinician_required
@never_cache
@require_GET
def patient_list(request: HttpRequest) -> HttpResponse:
    """The registries. Queries: count (1), page with resident and team (1)."""
    patients = (
        Patient.objects.visible_to(request.user)
        .select_related("resident", "team")
        .order_by("condition", "resident__name", "pk")
    )
    condition = request.GET.get("condition", "")
    if condition in ("hypertension", "diabetes", "smi"):
        patients = patients.filter(condition=condition)
    page, page_range = paginate(request, patients)
    return render(request, "health/patient_list.html", {"page_obj": page, "page_range": page_range})


@clinician_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def patient_create(request: HttpRequest) -> HttpResponse:
    initial = {"registered_on": timezone.localdate()}
    if request.GET.get("resident"):
        initial["resident"] = int_or_404(request.GET["resident"])
    form = PatientForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            patient = records.patient_register(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(
                form,
                error,
                {"duplicate": "condition", "wrong_community": "team", "future": "registered_on"},
            )
        else:
            messages.success(request, _("The patient is registered; the first follow-up is due."))
            return redirect(patient)
    return render(request, "health/form.html", {"form": form, "heading": _("Register a patient")})


@office_required  # then 404 outside the community, 403 for non-clinicians (access.py)
@never_cache
@require_GET
def patient_detail(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_patient_for_user(request.user, pk)
    year = timezone.localdate().year
    return render(
        request,
        "health/patient_detail.html",
        {
            "patient": patient,
            "followups": patient.followups.select_related("doctor")[:50],
            "face_to_face": records.face_to_face_count(patient, year),
            "year": year,
        },
    )


@office_required  # then 404 outside the community, 403 for non-clinicians (access.py)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def followup_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a follow-up; the next due date comes from the decision table."""
    patient = get_patient_for_user(request.user, pk)
    form = FollowUpForm(
        request.POST or None,
        condition=patient.condition,
        initial={"visited_on": timezone.localdate(), "method": "clinic"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            followup = records.followup_record(
                patient=patient, by=request.user, **form.service_fields()
            )
        except ValidationError as error:
            add_service_error(form, error, FOLLOWUP_ERROR_FIELDS)
        else:
            messages.success(
                request,
                _("Follow-up recorded. Next follow-up due on %(date)s.")
                % {"date": followup.next_due.isoformat()},
            )
            return redirect(followup)
    return render(
        request,
        "health/followup_form.html",
        {"form": form, "patient": patient},
    )


@office_required  # then 404 outside the community, 403 for non-clinicians (access.py)
@never_cache
@require_GET
def followup_detail(request: HttpRequest, pk: int) -> HttpResponse:
    followup = get_followup_for_user(request.user, pk)
    return render(request, "health/followup_detail.html", {"followup": followup})


@office_required  # then 404 outside the community, 403 for non-clinicians (access.py)
@require_POST
def referral_return(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_patient_for_user(request.user, pk)
    try:
        records.referral_return(patient=patient, on=timezone.localdate(), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The patient is back from the referral."))
    return redirect(patient)


STATES = ("due", "overdue", "lost")


@clinician_required
@never_cache
@require_GET
def followup_due(request: HttpRequest) -> HttpResponse:
    """Due (within the window), overdue and lost-to-follow-up patients, per team.
    Queries: count (1), page with resident and team (1)."""
    state = request.GET.get("state", "overdue")
    state = state if state in STATES else "overdue"
    today = timezone.localdate()
    lost_before = today - dt.timedelta(days=setting("HEALTH_LOST_AFTER_DAYS"))
    patients = Patient.objects.visible_to(request.user).managed().select_related("resident", "team")
    if state == "due":
        window = today + dt.timedelta(days=setting("HEALTH_DUE_WINDOW_DAYS"))
        patients = patients.filter(next_due__gte=today, next_due__lte=window)
    elif state == "overdue":
        patients = patients.filter(next_due__lt=today, next_due__gte=lost_before)
    else:
        patients = patients.filter(next_due__lt=lost_before)
    page, page_range = paginate(request, patients.order_by("team__name", "next_due", "pk"))
    return render(
        request,
        "health/followup_due.html",
        {"page_obj": page, "page_range": page_range, "state": state, "states": STATES},
    )


# --- vaccinations ---


def _plans_with_lines(plans, today):
    rows = []
    for plan in plans:
        lines = immunisation.due_list(
            birth_date=plan.child.birth_date,
            schedule=immunisation.version(plan.schedule),
            je_line=plan.je_line,
            hepa_line=plan.hepa_line,
            given={dose.key: dose.given_on for dose in plan.doses.all()},
            on=today,
        )
        rows.append((plan, [line for line in lines if line.state in ("due", "overdue")]))
    return rows


@clinician_required
@never_cache
@require_GET
def child_list(request: HttpRequest) -> HttpResponse:
    """Children with doses due or overdue today (``?all=1``: every plan). Queries: the
    plans with child (1), their doses (1)."""
    today = timezone.localdate()
    plans = (
        ChildPlan.objects.visible_to(request.user)
        .select_related("child")
        .prefetch_related("doses")
        .order_by("child__birth_date", "pk")[:LIST_LIMIT]
    )
    rows = _plans_with_lines(plans, today)
    if request.GET.get("all") != "1":
        rows = [row for row in rows if row[1]]
    return render(request, "health/child_list.html", {"rows": rows, "today": today})


@clinician_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def child_create(request: HttpRequest) -> HttpResponse:
    form = ChildPlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            plan = records.child_plan_create(
                child=form.cleaned_data["child"],
                je_line=form.cleaned_data["je_line"],
                hepa_line=form.cleaned_data["hepa_line"],
                guardians=form.cleaned_data["guardians"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error, {"duplicate": "child", "too_old": "child"})
        else:
            return redirect(plan)
    return render(
        request, "health/form.html", {"form": form, "heading": _("Open a vaccination plan")}
    )


@office_required  # then 404 outside the community, 403 for non-clinicians (access.py)
@never_cache
@require_GET
def child_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_child_plan_for_user(request.user, pk)
    today = timezone.localdate()
    schedule = immunisation.version(plan.schedule)
    return render(
        request,
        "health/child_detail.html",
        {
            "plan": plan,
            "schedule": schedule,
            "lines": records.plan_lines(plan, today),
            "form": DoseForm(plan=plan, initial={"given_on": today}),
            "guardians": plan.guardians.all(),
        },
    )


@office_required  # then 404 outside the community, 403 for non-clinicians (access.py)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def dose_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_child_plan_for_user(request.user, pk)
    form = DoseForm(request.POST or None, plan=plan, initial={"given_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            records.dose_record(
                plan=plan,
                dose_key=form.cleaned_data["dose"],
                given_on=form.cleaned_data["given_on"],
                batch=form.cleaned_data["batch"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_error(
                form,
                error,
                dict.fromkeys(("too_young", "too_soon", "future", "before_birth"), "given_on")
                | {"dose_given": "dose", "previous_missing": "dose", "unknown_dose": "dose"},
            )
        else:
            messages.success(request, _("The dose is recorded."))
            return redirect(plan)
    return render(
        request,
        "health/form.html",
        {"form": form, "heading": _("Record a dose for %(name)s") % {"name": plan.child.name}},
    )


# --- the 65+ yearly check ---


@clinician_required
@never_cache
@require_GET
def elderly_list(request: HttpRequest) -> HttpResponse:
    """Residents 65 and over this year (born on or before 31 December, 65 years back):
    checked or not. Queries: count (1), page (1), the page's checks (1)."""
    today = timezone.localdate()
    cutoff = years_before(dt.date(today.year, 12, 31), 65)
    residents = Resident.objects.visible_to(request.user).filter(birth_date__lte=cutoff)
    checked_ids = (
        ElderlyCheck.objects.visible_to(request.user).filter(year=today.year).values("resident_id")
    )
    if request.GET.get("state") == "done":
        residents = residents.filter(pk__in=checked_ids)
    elif request.GET.get("state") != "all":
        residents = residents.exclude(pk__in=checked_ids)
    page, page_range = paginate(request, residents.order_by("name", "pk"))
    checks = {
        check.resident_id: check
        for check in ElderlyCheck.objects.visible_to(request.user).filter(
            year=today.year, resident__in=[r.pk for r in page]
        )
    }
    rows = [(resident, checks.get(resident.pk)) for resident in page]
    return render(
        request,
        "health/elderly_list.html",
        {
            "page_obj": page,
            "page_range": page_range,
            "rows": rows,
            "year": today.year,
            "state": request.GET.get("state", ""),
        },
    )


@clinician_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def elderly_create(request: HttpRequest) -> HttpResponse:
    initial = {"checked_on": timezone.localdate()}
    if request.GET.get("resident"):
        initial["resident"] = int_or_404(request.GET["resident"])
    form = ElderlyCheckForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            check = records.elderly_check_record(
                resident=data["resident"],
                checked_on=data["checked_on"],
                scores={
                    item: data[item]
                    for item in ("eating", "grooming", "dressing", "toileting", "moving")
                },
                systolic=data["systolic"],
                diastolic=data["diastolic"],
                notes=data["notes"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_error(
                form,
                error,
                {"duplicate": "resident", "too_young": "resident", "future": "checked_on"},
            )
        else:
            record_access(request.user, check.resident_id, "elderly_check", check.pk)
            messages.success(request, _("The yearly check is recorded."))
            return redirect(reverse("health:elderly-list"))
    return render(
        request, "health/form.html", {"form": form, "heading": _("Record a yearly check (65+)")}
    )


# --- who is overdue (主动发现) ---


@clinician_required
@never_cache
@require_GET
def overdue(request: HttpRequest) -> HttpResponse:
    """Per team: key-group residents without a contract, children with an overdue dose,
    65+ residents not checked this year, patients lost to follow-up; each row links to
    the action. Bounded (``LIST_LIMIT`` rows per section)."""
    user = request.user
    today = timezone.localdate()
    teams = list(Team.objects.visible_to(user).prefetch_related("compounds"))
    residents = list(
        Resident.objects.visible_to(user).select_related("household").order_by("name", "pk")[:5000]
    )
    groups = derived_key_groups(residents, today)
    signed = set(Contract.objects.visible_to(user).open().values_list("resident_id", flat=True))
    uncontracted = [r for r in residents if groups.get(r.pk) and r.pk not in signed][:LIST_LIMIT]
    cutoff = years_before(dt.date(today.year, 12, 31), 65)
    checked = set(
        ElderlyCheck.objects.visible_to(user)
        .filter(year=today.year)
        .values_list("resident_id", flat=True)
    )
    unchecked = [r for r in residents if r.birth_date <= cutoff and r.pk not in checked][
        :LIST_LIMIT
    ]
    plans = ChildPlan.objects.visible_to(user).select_related("child").prefetch_related("doses")
    children = [
        (plan, [line for line in lines if line.state == "overdue"])
        for plan, lines in _plans_with_lines(plans[:LIST_LIMIT], today)
    ]
    children = [row for row in children if row[1]]
    lost_before = today - dt.timedelta(days=setting("HEALTH_LOST_AFTER_DAYS"))
    lost = (
        Patient.objects.visible_to(user)
        .managed()
        .filter(next_due__lt=lost_before)
        .select_related("resident", "team")[:LIST_LIMIT]
    )
    team_of_compound = {c.pk: team for team in teams for c in team.compounds.all()}

    def team_for(resident):
        household = resident.household
        return team_of_compound.get(household.compound_id) if household else None

    return render(
        request,
        "health/overdue.html",
        {
            "uncontracted": [(r, team_for(r), sorted(groups[r.pk])) for r in uncontracted],
            "unchecked": [(r, team_for(r)) for r in unchecked],
            "children": children,
            "lost": lost,
            "year": today.year,
        },
    )
