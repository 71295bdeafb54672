"""Staff pages of the registry import: the template, the upload, the dry run's findings
and the button that writes a checked file to the registry.

Only registry editors come here. An import is seen by staff whose scope covers its
community (sub-district roles for their own, community-less ones); any other is a 404.
Pages are never cached: they list rows of people's data.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from portal.accounts.access import registry_editor_required
from portal.core.http import READ_METHODS
from portal.core.jobs import JobError, render_job
from portal.registry import imports
from portal.registry.access import get_import_for_user
from portal.registry.forms import ImportUploadForm
from portal.registry.models import RegistryImport

RECENT_IMPORTS = 20
#: Problems listed on the page; all of them are in the workbook of problems.
ERRORS_SHOWN = 2000


@registry_editor_required
@never_cache
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """The workbook to fill in (an empty 居民名单 sheet and a sheet of instructions)."""
    return HttpResponse(
        imports.template_workbook(),
        content_type=imports.XLSX_CONTENT_TYPE,
        headers={"Content-Disposition": content_disposition_header(True, "居民导入模板.xlsx")},
    )


@registry_editor_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def import_list(request: HttpRequest) -> HttpResponse:
    """Upload a spreadsheet (checked at once for what can be seen without reading every
    row), and the recent imports of the user's scope."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = imports.import_start(request.user, form.cleaned_data["file"])
        # Timeless: the progress part says what the check is doing now, so this message
        # is still true when the page is first seen after the check has finished.
        messages.success(
            request, _("The file is uploaded. Nothing is imported before you confirm it.")
        )
        return redirect(job)
    recent = RegistryImport.objects.visible_to(request.user).select_related(
        "community", "requested_by"
    )[:RECENT_IMPORTS]
    return render(request, "registry/import_list.html", {"form": form, "imports": recent})


@registry_editor_required
@never_cache
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One import: progress while it runs (polled by htmx), then every problem found,
    or the button that imports a clean file, or what the import created."""
    job = get_import_for_user(request.user, pk)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    return render_job(
        request,
        "registry/import_detail.html",
        job,
        poll_url=job.get_absolute_url(),
        result_template="registry/includes/import_result.html",
        errors=job.errors[:ERRORS_SHOWN],
        errors_hidden=max(len(job.errors) - ERRORS_SHOWN, 0),
    )


@registry_editor_required
@never_cache
def import_commit(request: HttpRequest, pk: int) -> HttpResponse:
    """Write a checked import to the registry (POST). Refused, with the reason, unless
    the dry run found no problem and nothing has been written yet."""
    job = get_import_for_user(request.user, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        imports.import_commit_request(job, request.user)
    except JobError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The residents are being imported."))
    return redirect(job)


@registry_editor_required
@never_cache
def import_errors(request: HttpRequest, pk: int) -> HttpResponse:
    """Every problem the check found, as a workbook to work through beside the file."""
    job = get_import_for_user(request.user, pk)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    name = f"导入问题-{job.pk}.xlsx"
    return HttpResponse(
        imports.errors_workbook(job),
        content_type=imports.XLSX_CONTENT_TYPE,
        headers={"Content-Disposition": content_disposition_header(True, name)},
    )
