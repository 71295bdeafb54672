"""The service guide: public pages that any visitor reads on a phone, and the staff pages
where sub-district roles write the entries.

The public pages answer GET and HEAD only, change nothing and read no personal data.
Editing is for roles that see every community (sub-district staff, administrators): the
guide is the same for the whole sub-district, so a community's staff may not change it.
"""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from portal.accounts.access import role_required
from portal.accounts.models import SUBDISTRICT_ROLES
from portal.core.paging import paginate
from portal.guide.facts import fill_entry
from portal.guide.forms import ServiceEntryForm, ServiceSearchForm, StaffFilterForm
from portal.guide.models import Category, ServiceEntry
from portal.registry.models import Community

#: Who may write the guide: the roles that see every community.
guide_editor_required = role_required(*SUBDISTRICT_ROLES)

STAFF_PAGE_SIZE = 50
#: What a detail page's back link keeps of the search that led to it.
SEARCH_PARAMETERS = ("q", "category")


@dataclass
class CategoryGroup:
    value: str
    label: str
    entries: list[ServiceEntry]


def _group_by_category(entries: list[ServiceEntry]) -> list[CategoryGroup]:
    """The entries under their category headings, the categories in their fixed order
    (``Category``'s), empty categories left out."""
    groups = {value: CategoryGroup(value, label, []) for value, label in Category.choices}
    for entry in entries:
        groups[entry.category].entries.append(entry)
    return [group for group in groups.values() if group.entries]


def _search_query(filters: dict[str, Any]) -> str:
    """The query string that repeats a search: "q=…&category=…", or ""."""
    return urlencode({name: filters[name] for name in SEARCH_PARAMETERS if name in filters})


# --- public pages ------------------------------------------------------------------------------


@login_not_required
@require_safe
def service_list(request: HttpRequest) -> HttpResponse:
    """Every service, or those matching the search words and category, under their
    category headings. One query; a second (the community offices and their phones)
    only when nothing matches."""
    form = ServiceSearchForm(request.GET)
    filters = form.filters()
    entries = ServiceEntry.objects.public().search(filters.get("q", ""))
    if "category" in filters:
        entries = entries.in_category(filters["category"])
    entries = list(entries.order_by("sort_order", "title", "pk"))
    offices = []
    if not entries:
        offices = list(
            Community.objects.exclude(phone="").order_by("code", "name").only("name", "phone")
        )
    return render(
        request,
        "guide/service_list.html",
        {
            "form": form,
            "groups": _group_by_category(entries),
            "result_count": len(entries),
            "searched": bool(filters),
            "search_query": _search_query(filters),
            "offices": offices,
        },
    )


@login_not_required
@require_safe
def service_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Everything about one service, in plain sections, printable. The back link returns
    to the search that led here."""
    entry = fill_entry(get_object_or_404(ServiceEntry.objects.public(), slug=slug))
    search_query = _search_query(ServiceSearchForm(request.GET).filters())
    back_url = reverse("guide:service-list")
    if search_query:
        back_url = f"{back_url}?{search_query}"
    return render(
        request,
        "guide/service_detail.html",
        {
            "entry": entry,
            "materials": entry.material_list(),
            "steps": entry.step_list(),
            "contact_parts": entry.contact_parts(),
            "phone_numbers": entry.phone_numbers(),
            "back_url": back_url,
        },
    )


# --- staff pages -------------------------------------------------------------------------------


@guide_editor_required
@never_cache
@require_GET
def staff_list(request: HttpRequest) -> HttpResponse:
    """Every entry in a table with its status and when it was last changed."""
    form = StaffFilterForm(request.GET)
    filters = form.filters()
    entries = ServiceEntry.objects.search(filters.get("q", ""))
    if "category" in filters:
        entries = entries.in_category(filters["category"])
    if "status" in filters:
        entries = entries.filter(status=filters["status"])
    page, page_range = paginate(
        request,
        entries.order_by("category", "sort_order", "title", "pk"),
        per_page=STAFF_PAGE_SIZE,
    )
    return render(
        request,
        "guide/staff_list.html",
        {
            "form": form,
            "page_obj": page,
            "page_range": page_range,
        },
    )


@guide_editor_required
@never_cache
@require_http_methods(["GET", "POST"])
def service_create(request: HttpRequest) -> HttpResponse:
    """Write a new entry; it is public as soon as it is saved."""
    form = ServiceEntryForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        with transaction.atomic():
            entry = form.save()
        messages.success(request, _("The service “%(title)s” is published.") % {"title": entry})
        return redirect("guide:staff-list")
    return render(request, "guide/service_form.html", {"form": form})


@guide_editor_required
@never_cache
@require_http_methods(["GET", "POST"])
def service_update(request: HttpRequest, slug: str) -> HttpResponse:
    """Correct an entry, or close it for a while. Each save adds a history row."""
    entry = get_object_or_404(ServiceEntry, slug=slug)
    # Validation writes the posted values onto the instance: keep what is stored for the
    # heading and the links of a form shown again with errors.
    stored = {"title": entry.title, "url": entry.get_absolute_url()}
    form = ServiceEntryForm(request.POST if request.method == "POST" else None, instance=entry)
    if form.is_bound and form.is_valid():
        with transaction.atomic():
            entry = form.save()
        messages.success(request, _("Changes to “%(title)s” are saved.") % {"title": entry})
        return redirect("guide:staff-list")
    return render(
        request, "guide/service_form.html", {"form": form, "entry": entry, "stored": stored}
    )
