"""Residents' requests: the resident's page (the service guide's "apply online" for 高龄津贴,
应急呼叫 and 居家养老服务) and the staff list where they are marked handled."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eldercare.forms.operations import ElderRequestForm
from eldercare.models import RequestKind, ServiceRequest
from eldercare.roles import manager_required
from eldercare.services import requests
from eldercare.views import form_page
from portal.accounts.scoping import get_visible_or_404
from portal.core.paging import paginate


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    """A signed-in resident asks for an elder-care service (``?kind=`` preselects it)."""
    user = request.user
    if user.is_portal_staff:
        raise Http404("A resident's page.")
    kind = request.GET.get("kind", "")
    form = ElderRequestForm(
        request.POST or None,
        user=user,
        initial={"kind": kind if kind in RequestKind.values else ""},
    )
    own = getattr(user, "resident", None)

    def act(data: dict) -> ServiceRequest:
        household = (
            list(own.household.members.all()) if own and own.household_id else [own] if own else []
        )
        elder = next((p for p in household if p.pk == data["elder"]), None)
        if elder is None:
            raise ValidationError(_("Choose who the service is for."), code="not_household")
        return requests.request_submit(user=user, elder=elder, kind=data["kind"], note=data["note"])

    mine = ServiceRequest.objects.unscoped().filter(requested_by=user).select_related("elder")[:20]
    return form_page(
        request,
        form,
        "eldercare/apply.html",
        {"linked": own is not None, "mine": mine},
        act,
        done=lambda r: reverse("eldercare:apply"),
        message=_("The request is sent; the community will contact you."),
        fields={
            "duplicate": "kind",
            "kind": "kind",
            "not_household": "elder",
            "not_elderly": "elder",
        },
    )


@manager_required
@never_cache
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    """Open requests first, then the handled ones."""
    rows = (
        ServiceRequest.objects.visible_to(request.user)
        .select_related("elder__community")
        .order_by(F("handled_at").desc(nulls_first=True), "-created_at", "-pk")
    )
    page, page_range = paginate(request, rows)
    return render(
        request, "eldercare/request_list.html", {"page_obj": page, "page_range": page_range}
    )


@manager_required
@require_POST
def request_handle(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(ServiceRequest.objects.select_related("elder"), request.user, pk=pk)
    try:
        requests.request_handle(request=item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The request is marked handled."))
    return redirect("eldercare:request-list")
