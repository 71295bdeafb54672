"""Staff pages of 特殊疾病医疗救助: the claim list, entering a claim (find the patient,
then the form), a claim's page with the sub-district's decision, and the yearly funds.

Caseworkers (community staff, the sub-district) use them; only the sub-district
decides. Claims are scoped through ``MedicalClaim.objects.visible_to`` and fetched
through ``access.get_claim_for_user``, so another community's claim is a 404; the
money rules live in ``assistance.services.medical``. Pages with patients are never cached.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assistance.access import get_claim_for_user
from assistance.forms.medical import (
    ClaimDecisionForm,
    ClaimFilterForm,
    ClaimForm,
    PatientSearchForm,
)
from assistance.models import ClaimStatus, MedicalClaim, MedicalFund, SpecialDisease
from assistance.roles import caseworker_required, confirmer_required, is_confirmer
from assistance.services import medical
from portal.core.forms import add_service_error
from portal.core.http import READ_METHODS, int_or_404
from portal.core.paging import paginate
from portal.registry.access import get_resident_for_user, identity_shown_to
from portal.registry.models import Resident

#: Residents the patient search shows at most.
PATIENT_CHOICES = 20
#: The form field beside which a service refusal is shown (the rest: above the form).
ERROR_FIELDS = {
    "disease_inactive": "disease",
    "dates_reversed": "treated_to",
    "out_of_year": "treated_from",
    "future": "treated_to",
    "own_cost_above_total": "own_cost",
    "no_own_cost": "own_cost",
    "overlap": "treated_from",
    "note_required": "note",
}


# --- claims ------------------------------------------------------------------------------


@caseworker_required
@never_cache
@require_GET
def claim_list(request: HttpRequest) -> HttpResponse:
    """Claims of the user's communities, newest first, 20 a page: search by the
    patient's name, filter by status, disease and fund year."""
    user = request.user
    form = ClaimFilterForm(
        request.GET,
        diseases=list(SpecialDisease.objects.values_list("pk", "name")),
        years=list(MedicalFund.objects.values_list("year", flat=True)),
    )
    filters = form.filters()
    claims = MedicalClaim.objects.visible_to(user).select_related(
        "patient__community", "disease", "fund"
    )
    page, page_range = paginate(request, claims.matching(filters))
    return render(
        request,
        "assistance/claim_list.html",
        {
            "form": form,
            "page_obj": page,
            "page_range": page_range,
        },
    )


@caseworker_required
@never_cache
@require_http_methods(["GET", "POST"])
def claim_create(request: HttpRequest) -> HttpResponse:
    """Enter a claim in two steps: search the user's residents by name or ID-number tail
    (``?q=``, 20 at most), then the form for the chosen one (``?patient=<pk>``; outside
    the user's scope: 404). Only patients of 低保 and 低保边缘 households get the form."""
    user = request.user
    if "patient" not in request.GET:
        search = PatientSearchForm(request.GET)
        text = search.filters().get("q", "")
        residents = (
            medical.with_eligibility(
                Resident.objects.visible_to(user).select_related("community", "household")
            )
            .search(text)
            .order_by("name", "pk")[:PATIENT_CHOICES]
            if text
            else []
        )
        return render(
            request,
            "assistance/claim_form.html",
            {"search": search, "residents": residents, "searched": bool(text)},
        )
    patient = get_resident_for_user(user, int_or_404(request.GET["patient"]))
    eligible = medical.is_eligible(patient)
    form = None
    if eligible:
        data = request.POST if request.method == "POST" else None
        form = ClaimForm(data, action=request.get_full_path())
        if form.is_bound and form.is_valid():
            try:
                claim = medical.claim_submit(patient=patient, by=user, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error, ERROR_FIELDS)
            else:
                messages.success(
                    request,
                    _("The claim is entered; %(amount)s yuan is proposed.")
                    % {"amount": claim.amount},
                )
                return redirect(claim)
    return render(
        request,
        "assistance/claim_form.html",
        {
            "patient": patient,
            "identity": identity_shown_to(user, patient),
            "eligible": eligible,
            "form": form,
        },
    )


def _render_claim(
    request: HttpRequest, claim: MedicalClaim, decision: ClaimDecisionForm | None
) -> HttpResponse:
    user = request.user
    return render(
        request,
        "assistance/claim_detail.html",
        {
            "claim": claim,
            "identity": identity_shown_to(user, claim.patient),
            "summary": medical.fund_summary(claim.fund, patient=claim.patient),
            "proposal": (
                medical.claim_proposal(claim) if claim.status == ClaimStatus.SUBMITTED else None
            ),
            "decision_form": decision,
        },
    )


@caseworker_required
@never_cache
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One claim: the patient (ID masked unless the role checks identity), treatment,
    costs and amount, what is left of the fund and of the patient's cap; for the
    sub-district, the decision form while the claim waits."""
    claim = get_claim_for_user(request.user, pk)
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    decision = None
    if claim.status == ClaimStatus.SUBMITTED and is_confirmer(request.user):
        decision = ClaimDecisionForm(claim=claim)
    return _render_claim(request, claim, decision)


@confirmer_required
@never_cache
@require_POST
def claim_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The sub-district approves (the amount recomputed now) or rejects (with the
    reason) a claim; a refusal shows on the claim's page with what was typed."""
    claim = get_claim_for_user(request.user, pk)
    form = ClaimDecisionForm(request.POST, claim=claim)
    if form.is_valid():
        try:
            claim = medical.claim_decide(
                claim=claim, approve=form.approve, note=form.cleaned_data["note"], by=request.user
            )
        except ValidationError as error:
            add_service_error(form, error, ERROR_FIELDS)
        else:
            if claim.status == ClaimStatus.APPROVED:
                messages.success(
                    request,
                    _("The claim is approved: %(amount)s yuan is paid.") % {"amount": claim.amount},
                )
            else:
                messages.success(request, _("The claim is rejected."))
            return redirect(claim)
    return _render_claim(request, claim, form)


# --- funds -------------------------------------------------------------------------------


@caseworker_required
@never_cache
@require_GET
def fund_list(request: HttpRequest) -> HttpResponse:
    """Each year's fund: budget, approved, remaining, cap per person, share paid and
    the number of claims. Fund-wide figures (the fund is the sub-district's)."""
    page, page_range = paginate(request, MedicalFund.objects.with_totals())
    return render(
        request,
        "assistance/fund_list.html",
        {
            "page_obj": page,
            "page_range": page_range,
            "summaries": medical.fund_summaries(page),
        },
    )
