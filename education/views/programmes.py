"""Staff pages of the training programmes (the course coordinator's): the year's
progress of every programme, one programme's months with its SVG chart and entries, the
yearly target, roster entries, imports and the yearly workbook."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from education.access import get_entry_for_user
from education.forms.courses import EducationYearForm
from education.forms.programmes import ProgrammeTargetForm, TrainingEntryForm, TrainingImportForm
from education.models import ProgrammeTarget, TrainingEntry, TrainingProgramme
from education.progress import programme_progress, progress_chart
from education.roles import coordinator_required
from education.services import programmes as services
from education.workbook import REPORT_KIND, year_progress
from portal.core.confirm import confirmation_page
from portal.core.forms import add_service_error
from portal.reports.services import report_request

ENTRY_ERROR_FIELDS = {
    "date_required": "held_on",
    "outside_year": "held_on",
    "future": "held_on",
    "title_required": "title",
    "count_required": "person_times",
    "count_too_large": "person_times",
    "persons_exceed": "persons",
    "bad_year": "year",
}


def _year(request: HttpRequest) -> tuple[EducationYearForm, int]:
    form = EducationYearForm(request.GET)
    return form, form.filters().get("year") or timezone.localdate().year


@coordinator_required
@never_cache
@require_GET
def programme_list(request: HttpRequest) -> HttpResponse:
    form, year = _year(request)
    return render(
        request,
        "education/programme_list.html",
        {"form": form, "year": year, "progresses": year_progress(year)},
    )


@coordinator_required
@never_cache
@require_GET
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(TrainingProgramme, pk=pk)
    form, year = _year(request)
    progress = programme_progress(programme, year)
    entries = TrainingEntry.objects.filter(programme=programme, held_on__year=year).select_related(
        "community"
    )[:200]
    return render(
        request,
        "education/programme_detail.html",
        {
            "form": form,
            "programme": programme,
            "year": year,
            "progress": progress,
            "chart": progress_chart(progress),
            "entries": entries,
        },
    )


@coordinator_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def target_set(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(TrainingProgramme, pk=pk)
    form = ProgrammeTargetForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.target_set(
                programme=programme,
                year=data["year"],
                target=data["target"],
                sessions_planned=data["sessions_planned"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_error(
                form, error, {"duplicate": "year", "bad_year": "year", "bad_target": "target"}
            )
        else:
            messages.success(request, _("The target was set."))
            return redirect(f"{programme.get_absolute_url()}?year={data['year']}")
    targets = ProgrammeTarget.objects.filter(programme=programme)
    return render(
        request,
        "education/target_form.html",
        {"form": form, "programme": programme, "targets": targets},
    )


@coordinator_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def entry_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(TrainingProgramme, pk=pk)
    form = TrainingEntryForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.training_entry_record(
                programme=programme,
                year=data["year"],
                held_on=data["held_on"],
                title=data["title"],
                place=data["place"],
                community=data["community"],
                person_times=data["person_times"],
                persons=data["persons"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error, ENTRY_ERROR_FIELDS)
        else:
            messages.success(request, _("The roster was recorded."))
            return redirect(f"{programme.get_absolute_url()}?year={data['year']}")
    return render(request, "education/entry_form.html", {"form": form, "programme": programme})


@coordinator_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def entry_import(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(TrainingProgramme, pk=pk)
    form = TrainingImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.training_entries_import(
                programme=programme,
                year=data["year"],
                rows=form.rows,
                partner=data["partner"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error, {"bad_year": "year", "partner_required": "partner"})
        else:
            messages.success(request, _("%(n)d rows were imported.") % {"n": len(created)})
            return redirect(f"{programme.get_absolute_url()}?year={data['year']}")
    return render(request, "education/entry_import.html", {"form": form, "programme": programme})


@coordinator_required
@require_POST
def entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_entry_for_user(request.user, pk)
    back = f"{entry.programme.get_absolute_url()}?year={entry.held_on.year}"
    page = confirmation_page(
        request,
        question=_("Delete the entry %(entry)s?") % {"entry": entry},
        consequence=_("Its person-times leave the programme's progress."),
        confirm_label=_("Delete"),
        back_url=back,
    )
    if page:
        return page
    services.training_entry_delete(entry=entry, by=request.user)
    messages.success(request, _("The entry was deleted."))
    return redirect(back)


@coordinator_required
@require_POST
def programme_report(request: HttpRequest) -> HttpResponse:
    """Queue the yearly workbook (a report job)."""
    form = EducationYearForm(request.POST)
    year = form.filters().get("year")
    if not year:
        messages.error(request, _("Choose a year."))
        return redirect("education:programme-list")
    job = report_request(
        kind=REPORT_KIND,
        user=request.user,
        title=_("Training programmes %(year)d") % {"year": year},
        params={"year": year},
        selection=_("Year: %(year)d") % {"year": year},
    )
    return redirect(job)
