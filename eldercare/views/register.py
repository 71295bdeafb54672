"""The elderly register (drawn from the registry), an elder's page, the profile form, the
主动发现 lists and the staff overview."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eldercare import discovery, register, rules
from eldercare.access import get_elder_for_user
from eldercare.forms.register import ElderFilterForm, ElderProfileForm
from eldercare.models import (
    Assessment,
    ElderProfile,
    Enrolment,
    Installation,
    Pairing,
    ServiceRecord,
)
from eldercare.roles import manager_required
from eldercare.services.assessments import condition_change_record
from portal.core.history import save_checked
from portal.core.paging import paginate
from portal.registry.masking import phone_for


@manager_required
@never_cache
@require_GET
def elder_list(request: HttpRequest) -> HttpResponse:
    """Everyone of ``ELDERLY_AGE`` and over in the user's scope, filterable by care
    category, age band and (sub-district) community, with each row's categories."""
    today = timezone.localdate()
    form = ElderFilterForm(request.GET, user=request.user)
    filters = form.filters()
    elders = register.elders(request.user, today).search(filters.get("q", ""))
    if filters.get("community"):
        elders = elders.filter(community=filters["community"])
    if filters.get("band"):
        elders = register.in_band(elders, filters["band"], today)
    if filters.get("category"):
        elders = register.with_category(elders, filters["category"], today)
    page, page_range = paginate(request, elders.order_by("community__code", "name", "pk"))
    rows = list(page.object_list)
    categories = register.categories_of(
        rows, today, tagged_disabled=register.disabled_tagged(r.pk for r in rows)
    )
    for resident in rows:
        resident.age_now = rules.age_on(resident.birth_date, today)
        resident.category_labels = [
            rules.CATEGORY_LABELS[c] for c in sorted(categories.get(resident.pk, ()))
        ]
    return render(
        request,
        "eldercare/elder_list.html",
        {"form": form, "page_obj": page, "page_range": page_range, "rows": rows},
    )


@manager_required
@never_cache
@require_GET
def elder_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One elder: categories, profile, assessments, services, device, pairings, allowance."""
    elder = get_elder_for_user(request.user, pk)
    today = timezone.localdate()
    profile = ElderProfile.objects.filter(resident=elder).first()
    categories = register.categories_of(
        [elder], today, tagged_disabled=register.disabled_tagged([elder.pk])
    )
    return render(
        request,
        "eldercare/elder_detail.html",
        {
            "elder": elder,
            "age": rules.age_on(elder.birth_date, today),
            "profile": profile,
            "contact_phone": phone_for(request.user, profile.contact_phone) if profile else "",
            "categories": [rules.CATEGORY_LABELS[c] for c in sorted(categories[elder.pk])],
            "assessments": Assessment.objects.visible_to(request.user).filter(elder=elder)[:10],
            "records": ServiceRecord.objects.visible_to(request.user)
            .filter(elder=elder)
            .select_related("item", "station", "worker")[:10],
            "devices": Installation.objects.visible_to(request.user).filter(elder=elder),
            "pairings": Pairing.objects.visible_to(request.user)
            .filter(elder=elder)
            .select_related("volunteer__resident", "team"),
            "enrolment": Enrolment.objects.visible_to(request.user).filter(resident=elder).first(),
        },
    )


@manager_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    elder = get_elder_for_user(request.user, pk)
    profile = ElderProfile.objects.filter(resident=elder).first() or ElderProfile(resident=elder)
    form = ElderProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        save_checked(form.instance, by=request.user)
        messages.success(request, _("The profile is saved."))
        return redirect("eldercare:elder-detail", pk=elder.pk)
    return render(request, "eldercare/profile_form.html", {"form": form, "elder": elder})


@manager_required
@require_POST
def condition_change(request: HttpRequest, pk: int) -> HttpResponse:
    """The elder's condition changed: reassessment due at once (confirmed in the page)."""
    elder = get_elder_for_user(request.user, pk)
    try:
        condition_change_record(elder=elder, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The reassessment is due now."))
    return redirect("eldercare:elder-detail", pk=elder.pk)


@manager_required
@never_cache
@require_GET
def missing_list(request: HttpRequest) -> HttpResponse:
    """主动发现: one of the four lists (``?list=``) of elders missing a service they
    qualify for; an unknown list shows the first."""
    which = request.GET.get("list", "")
    if which not in discovery.LISTS:
        which = "device"
    rows = discovery.missing(request.user, which)
    return render(
        request,
        "eldercare/missing_list.html",
        {
            "which": which,
            "lists": discovery.LISTS,
            "title": discovery.LISTS[which],
            "action": discovery.ACTIONS[which],
            "rows": rows,
        },
    )
