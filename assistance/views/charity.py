"""Charity (慈善) pages: the staff lists and forms of donors, donations and what is
given out, and the public page of totals.

Staff pages are for caseworkers; every query starts from ``visible_to`` and single
records come through the fetchers in ``assistance.access`` (another community's donor or
donation is a 404). Donors' phone numbers are masked for roles that do not check
identity. The public page shows amounts per year and purpose only: no donor's and no
recipient's name ever reaches it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from assistance.access import get_donation_for_user, get_donor_for_user
from assistance.forms.charity import (
    AllocationForm,
    DonationFilterForm,
    DonationForm,
    DonorFilterForm,
    DonorForm,
)
from assistance.models import Allocation, Donation, Donor
from assistance.roles import caseworker_required
from assistance.services import charity
from portal.core.forms import add_service_error
from portal.core.http import READ_METHODS, int_or_404
from portal.core.paging import paginate
from portal.registry.masking import phone_for
from portal.registry.models import SubDistrict

#: The form field beside which a service refusal is shown (the rest: above the form).
ALLOCATION_ERROR_FIELDS = {
    "over_allocated": "value",
    "before_received": "allocated_on",
    "future": "allocated_on",
    "other_community": "household",
}


# --- donations ---------------------------------------------------------------------------


@caseworker_required
@never_cache
@require_GET
def donation_list(request: HttpRequest) -> HttpResponse:
    """Donations of the user's community and of the sub-district's charity association,
    newest first, with what has been given out: search by donor, filter by kind,
    purpose and year."""
    user = request.user
    visible = Donation.objects.visible_to(user)
    years = [day.year for day in visible.dates("received_on", "year", order="DESC")]
    form = DonationFilterForm(request.GET, years=years)
    filters = form.filters()
    # Explicit order: Meta.ordering does not apply to a grouped (annotated) query.
    donations = (
        visible.with_allocated()
        .select_related("donor", "community")
        .order_by("-received_on", "-pk")
    )
    page, page_range = paginate(request, donations.matching(filters))
    return render(
        request,
        "assistance/donation_list.html",
        {
            "form": form,
            "page_obj": page,
            "page_range": page_range,
        },
    )


@caseworker_required
@never_cache
@require_http_methods(["GET", "POST"])
def donation_create(request: HttpRequest) -> HttpResponse:
    """Record a donation; ``?donor=<pk>`` preselects the donor (outside scope: 404)."""
    user = request.user
    initial = {}
    if donor_pk := request.GET.get("donor"):
        initial["donor"] = get_donor_for_user(user, int_or_404(donor_pk)).pk
    data = request.POST if request.method == "POST" else None
    form = DonationForm(data, user=user, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            donation = charity.donation_record(by=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error, {"future": "received_on"})
        else:
            messages.success(request, _("The donation is recorded."))
            return redirect(donation)
    return render(request, "assistance/donation_form.html", {"form": form})


@caseworker_required
@never_cache
def donation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One donation and what has been given out of it. A household of another community
    (a sub-district donation given there) is not named to community staff."""
    user = request.user
    donation = get_donation_for_user(user, pk)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    allocations = list(
        Allocation.objects.filter(donation=donation).select_related("household__community")
    )
    given = sum((a.value for a in allocations), charity.ZERO)
    rows = [
        (
            allocation,
            allocation.household is not None
            and (
                user.sees_all_communities or allocation.household.community_id == user.community_id
            ),
        )
        for allocation in allocations
    ]
    return render(
        request,
        "assistance/donation_detail.html",
        {
            "donation": donation,
            "rows": rows,
            "given": given,
            "left": donation.value - given,
            "may_allocate": charity.may_allocate(user, donation),
        },
    )


@caseworker_required
@never_cache
@require_http_methods(["GET", "POST"])
def allocation_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Give part of donation ``pk`` to a household or a project, up to what is left.
    The sub-district's own donations are given out by the sub-district only (403)."""
    user = request.user
    donation = get_donation_for_user(user, pk)
    if not charity.may_allocate(user, donation):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = AllocationForm(data, user=user, donation=donation)
    if form.is_bound and form.is_valid():
        values = {
            key: value for key, value in form.cleaned_data.items() if key != "household_search"
        }
        try:
            charity.allocation_create(donation=donation, by=user, **values)
        except ValidationError as error:
            add_service_error(form, error, ALLOCATION_ERROR_FIELDS)
        else:
            messages.success(request, _("The allocation is recorded."))
            return redirect(donation)
    given = Allocation.objects.filter(donation=donation).values_list("value", flat=True)
    return render(
        request,
        "assistance/allocation_form.html",
        {"form": form, "donation": donation, "left": donation.value - sum(given, charity.ZERO)},
    )


# --- donors ------------------------------------------------------------------------------


@caseworker_required
@never_cache
@require_GET
def donor_list(request: HttpRequest) -> HttpResponse:
    """Donors of the user's community and of the sub-district, by name, with the number
    of their donations the user can see; phones masked for non-identity roles."""
    user = request.user
    form = DonorFilterForm(request.GET)
    filters = form.filters()
    # A counting subquery rather than Count() over a join: the paginator's COUNT(*) then
    # needs no grouping.
    donation_count = (
        Donation.objects.visible_to(user)
        .filter(donor=OuterRef("pk"))
        .order_by()
        .values("donor")
        .annotate(n=Count("pk"))
        .values("n")
    )
    donors = (
        Donor.objects.visible_to(user)
        .select_related("community")
        .annotate(donation_count=Coalesce(Subquery(donation_count), 0))
    )
    page, page_range = paginate(request, donors.matching(filters))
    for donor in page:
        donor.phone_shown = phone_for(user, donor.phone)
    return render(
        request,
        "assistance/donor_list.html",
        {
            "form": form,
            "page_obj": page,
            "page_range": page_range,
        },
    )


@caseworker_required
@never_cache
@require_http_methods(["GET", "POST"])
def donor_create(request: HttpRequest) -> HttpResponse:
    """Register a donor; community staff's donors belong to their community."""
    user = request.user
    data = request.POST if request.method == "POST" else None
    form = DonorForm(data, user=user)
    if form.is_bound and form.is_valid():
        try:
            donor = charity.donor_create(by=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error, {"duplicate": "credit_code"})
        else:
            messages.success(request, _("%(name)s is registered as a donor.") % {"name": donor})
            return redirect(donor)
    return render(request, "assistance/donor_form.html", {"form": form})


@caseworker_required
@never_cache
def donor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One donor and the donations of theirs the user can see."""
    user = request.user
    donor = get_donor_for_user(user, pk)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    donations = (
        Donation.objects.visible_to(user)
        .filter(donor=donor)
        .with_allocated()
        .select_related("community")
        .order_by("-received_on", "-pk")
    )
    return render(
        request,
        "assistance/donor_detail.html",
        {
            "donor": donor,
            "phone": phone_for(user, donor.phone),
            "donations": donations,
        },
    )


# --- public ------------------------------------------------------------------------------


@login_not_required
@require_GET
def charity_public(request: HttpRequest) -> HttpResponse:
    """What the sub-district's charity received and gave out, per year and purpose:
    totals only, no names. Open to everyone."""
    return render(
        request,
        "assistance/charity_public.html",
        {
            "years": charity.charity_totals(),
            "sub_district": SubDistrict.objects.order_by("pk").first(),
        },
    )
