"""Staff pages of the resident registry: the resident and household lists with search
and filters, their detail pages, and the forms that register and correct them.

Every query starts from ``visible_to(request.user)``; single objects come through the
fetchers in ``portal.registry.access``, so another community's records are a 404.
Any staff role may read; only the registry editors may create and edit. Pages that
show residents are never cached (``Cache-Control: no-store``).
"""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.db import transaction
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.accounts.access import registry_editor_required, staff_required
from portal.core import hooks
from portal.core.cache import cached_figure
from portal.core.http import READ_METHODS, int_or_404
from portal.core.paging import paginate
from portal.registry.access import (
    get_household_for_user,
    get_resident_for_user,
    identity_shown_to,
)
from portal.registry.forms import (
    HouseholdFilterForm,
    HouseholdForm,
    ResidentFilterForm,
    ResidentForm,
    ScopeChoices,
)
from portal.registry.models import Community, Household, Relation, Resident, Tag
from portal.reports.services import RESIDENT_EXPORT, report_request

PAGE_SIZE = 20
HOUSEHOLD_OPTIONS = 30
HISTORY_ROWS = 10


def _scope_choices(user: Any) -> ScopeChoices:
    """The communities ``user`` may see and their compounds, in one query: a LEFT JOIN
    from the visible communities, so a community without compounds is listed too, and
    the compounds are exactly those of the visible communities. The same for every user
    of the same scope, so kept in the cache until a registry row changes."""
    rows = (
        Community.objects.visible_to(user)
        .annotate(compound_pk=F("compounds__pk"), compound_name=F("compounds__name"))
        .order_by("code", "name", "compound_name")
    )
    return cached_figure("scope-choices", rows, lambda: _scope_from(rows))


def _tag_choices() -> list[tuple[str, str]]:
    tags = Tag.objects.values_list("slug", "name")
    return cached_figure("tag-choices", tags, lambda: list(tags))


def _scope_from(rows: Any) -> ScopeChoices:
    scope = ScopeChoices()
    for community in rows:
        if not scope.communities or scope.communities[-1][0] != community.pk:
            scope.communities.append((community.pk, community.name))
        if community.compound_pk is not None:
            group = scope.compounds.setdefault(community.name, [])
            group.append((community.compound_pk, community.compound_name))
    return scope


# --- residents ---------------------------------------------------------------------------------


#: Where the resident list keeps its search term between pages (never in the URL).
SEARCH_SESSION_KEY = "registry_resident_search"


@staff_required
@never_cache
@sensitive_post_parameters("q")
@require_http_methods(["GET", "POST"])
def resident_list(request: HttpRequest) -> HttpResponse:
    """Residents of the user's communities: search by name, ID-number tail or phone,
    filter by community, compound and tag, 20 a page, ID and phone masked.

    The search form posts; the term goes to the session and the page redirects to the
    list with the other filters and ``search=1``, so that a full ID or phone number never
    appears in a URL or an access log (issue 12.5)."""
    user = request.user
    if request.method == "POST":
        term = request.POST.get("q", "").strip()[:100]
        request.session[SEARCH_SESSION_KEY] = term
        query = {
            name: value
            for name, value in request.POST.items()
            if name in ("community", "compound", "tag") and value
        }
        if term:
            query["search"] = "1"
        return redirect(f"{reverse('registry:resident-list')}?{urlencode(query)}")
    data = request.GET.copy()
    if data.get("search") == "1":
        data["q"] = request.session.get(SEARCH_SESSION_KEY, "")
    form = ResidentFilterForm(data, scope=_scope_choices(user), tags=_tag_choices())
    filters = form.filters()
    residents = Resident.objects.visible_to(user).for_list().matching(filters)
    # community_id, not the community's own ordering: the (community, name) index serves it.
    page, page_range = paginate(
        request, residents.order_by("community_id", "name", "pk"), seek=True
    )
    return render(
        request,
        "registry/resident_list.html",
        {
            "form": form,
            "page_obj": page,
            "page_range": page_range,
            "export_filters": filters,
        },
    )


@staff_required
@never_cache
@require_POST
def resident_export(request: HttpRequest) -> HttpResponse:
    """Queue a workbook of the residents the list shows for the POSTed search and
    filters; ID and phone numbers in full only for identity-checking roles who ticked
    the box. The report job is the record of the export (who, when, which filter)."""
    user = request.user
    tags = list(Tag.objects.values_list("slug", "name"))
    form = ResidentFilterForm(request.POST, scope=_scope_choices(user), tags=tags)
    if not form.is_valid():
        # An invalid choice would otherwise be dropped and export more than was asked.
        messages.error(request, _("The filter is not valid any more; search again, then export."))
        return redirect("registry:resident-list")
    filters = form.filters()
    community = None
    if "community" in filters:
        community = Community.objects.get(pk=filters["community"])
    elif not user.sees_all_communities:
        community = user.community
    job = report_request(
        kind=RESIDENT_EXPORT,
        user=user,
        community=community,
        params=filters,
        selection=form.describe(),
        title=_("Residents of %(scope)s") % {"scope": community or _("all communities")},
        full_identity=request.POST.get("full_identity") == "on",
    )
    return redirect(job)


@staff_required
@never_cache
def resident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One resident with household, tags and recent changes. Full ID and phone numbers
    for identity-checking roles (and an audit line), masked for everyone else."""
    resident = get_resident_for_user(request.user, pk)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    return render(
        request,
        "registry/resident_detail.html",
        {
            "resident": resident,
            "identity": identity_shown_to(request.user, resident),
            "tags": resident.tags.all(),
            "history": resident.history.select_related("history_user")[:HISTORY_ROWS],
            # What the other apps know about this person, for the roles they allow.
            "panels": hooks.resident_panels(request.user, resident),
        },
    )


@registry_editor_required
@never_cache
@sensitive_post_parameters("name", "id_number", "phone")
@require_http_methods(["GET", "POST"])
def resident_create(request: HttpRequest) -> HttpResponse:
    """Register a resident; ``?household=<pk>`` preselects a household and its community."""
    initial = {}
    if household_pk := request.GET.get("household"):
        household = get_household_for_user(request.user, int_or_404(household_pk))
        initial = {"household": household.pk, "community": household.community_id}
    data = request.POST if request.method == "POST" else None
    form = ResidentForm(data, user=request.user, initial=initial)
    if form.is_bound and form.is_valid():
        with transaction.atomic():
            resident = form.save()
        messages.success(request, _("%(name)s is registered.") % {"name": resident.name})
        return redirect(resident)
    return render(request, "registry/resident_form.html", {"form": form})


@registry_editor_required
@never_cache
@sensitive_post_parameters("name", "id_number", "phone")
@require_http_methods(["GET", "POST"])
def resident_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a resident. Each save adds a history row."""
    resident = get_resident_for_user(request.user, pk)
    data = request.POST if request.method == "POST" else None
    form = ResidentForm(data, instance=resident, user=request.user)
    if form.is_bound and form.is_valid():
        with transaction.atomic():
            resident = form.save()
        messages.success(request, _("Changes to %(name)s are saved.") % {"name": resident.name})
        return redirect(resident)
    return render(
        request,
        "registry/resident_form.html",
        {
            "form": form,
            "resident": resident,
            # The form shows the full numbers to identity-checking roles: audit that.
            "identity": identity_shown_to(request.user, resident, purpose="edit"),
        },
    )


# --- households --------------------------------------------------------------------------------


@staff_required
@never_cache
@require_GET
def household_list(request: HttpRequest) -> HttpResponse:
    """Households of the user's communities: search by address or a member's name,
    filter by community, compound and registration, with head and member count."""
    user = request.user
    form = HouseholdFilterForm(request.GET, scope=_scope_choices(user))
    filters = form.filters()
    members = Resident.objects.visible_to(user)
    heads = members.heads()
    # A counting subquery rather than Count() over a join: the paginator's COUNT(*) then
    # drops it instead of grouping every household.
    member_count = (
        members.filter(household=OuterRef("pk"))
        .order_by()
        .values("household")
        .annotate(n=Count("pk"))
        .values("n")
    )
    households = (
        Household.objects.visible_to(user)
        .select_related("community", "compound")
        .annotate(member_count=Coalesce(Subquery(member_count), 0))
        .prefetch_related(Prefetch("members", queryset=heads, to_attr="heads"))
    )
    households = households.search(filters.get("q", ""))
    if "community" in filters:
        households = households.filter(community=filters["community"])
    if "compound" in filters:
        households = households.filter(compound=filters["compound"])
    if "registration_type" in filters:
        households = households.filter(registration_type=filters["registration_type"])
    page, page_range = paginate(
        request, households.order_by("community_id", "address", "pk"), seek=True
    )
    return render(
        request,
        "registry/household_list.html",
        {
            "form": form,
            "page_obj": page,
            "page_range": page_range,
        },
    )


@registry_editor_required
@never_cache
@require_GET
def household_options(request: HttpRequest) -> HttpResponse:
    """The household picker of the resident form (htmx): up to 30 households of the
    user's scope whose address or member's name contains the typed text, in the chosen
    community. A sub-district has tens of thousands of households, too many for a
    plain select."""
    households = Household.objects.visible_to(request.user).select_related("community")
    community = request.GET.get("community", "")
    if community:
        households = households.filter(community=int_or_404(community))
    households = households.search(request.GET.get("household_search", ""))
    return render(
        request,
        "registry/includes/household_options.html",
        {
            "households": households.order_by("community_id", "address", "pk")[:HOUSEHOLD_OPTIONS],
            "show_community": request.user.sees_all_communities,
        },
    )


@staff_required
@never_cache
@require_GET
def resident_options(request: HttpRequest) -> HttpResponse:
    """The resident picker (htmx) of forms that choose a person, such as signing someone
    up for an event: up to 30 residents of the user's scope matching the typed name, ID
    tail or phone. Shows masked numbers only, whoever asks."""
    text = request.GET.get("resident_search", "").strip()
    residents = (
        Resident.objects.visible_to(request.user)
        .select_related("community")
        .search(text)
        .order_by("name", "pk")[:HOUSEHOLD_OPTIONS]
        if text
        else Resident.objects.none()
    )
    return render(
        request,
        "registry/includes/resident_options.html",
        {"residents": residents, "searched": bool(text)},
    )


@staff_required
@never_cache
def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One household with its members, the head first."""
    household = get_household_for_user(request.user, pk)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    head_first = Case(
        When(relation_to_head=Relation.HEAD, then=0), default=1, output_field=IntegerField()
    )
    members = list(
        Resident.objects.visible_to(request.user)
        .filter(household=household)
        .order_by(head_first, "birth_date", "pk")
    )
    head = members[0] if members and members[0].relation_to_head == Relation.HEAD else None
    return render(
        request,
        "registry/household_detail.html",
        {
            "household": household,
            "members": members,
            "head": head,
            "panels": hooks.household_panels(request.user, household),
        },
    )


@registry_editor_required
@never_cache
@require_http_methods(["GET", "POST"])
def household_create(request: HttpRequest) -> HttpResponse:
    """Register a household; its members are added from its page afterwards."""
    data = request.POST if request.method == "POST" else None
    form = HouseholdForm(data, user=request.user)
    if form.is_bound and form.is_valid():
        with transaction.atomic():
            household = form.save()
        messages.success(
            request, _("The household %(address)s is registered.") % {"address": household}
        )
        return redirect(household)
    return render(request, "registry/household_form.html", {"form": form})


@registry_editor_required
@never_cache
@require_http_methods(["GET", "POST"])
def household_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a household's address, compound or registration."""
    household = get_household_for_user(request.user, pk)
    data = request.POST if request.method == "POST" else None
    form = HouseholdForm(data, instance=household, user=request.user)
    if form.is_bound and form.is_valid():
        with transaction.atomic():
            household = form.save()
        messages.success(
            request, _("Changes to the household %(address)s are saved.") % {"address": household}
        )
        return redirect(household)
    return render(request, "registry/household_form.html", {"form": form, "household": household})
