"""Staff pages of 追缴 (money paid after the date a case should have stopped): the list
of the user's scope, one recovery with its repayments, and the sub-district's actions:
record what is owed on a stopped case, record a repayment, close as recovered or waived
(with a reason and a confirmation). Every query starts from ``visible_to``; one recovery
comes through ``access.get_recovery_for_user`` (another community's is a 404). Writing
is the sub-district's (outsiders 404 first, community staff then 403)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from assistance import access, payments, roles
from assistance.forms.recoveries import RecoveryRecordForm, RecoverySettleForm, RepaymentForm
from assistance.models import Recovery, RecoveryStatus
from assistance.texts import money_text
from portal.core.confirm import confirmation_page
from portal.core.forms import add_service_error
from portal.core.http import READ_METHODS
from portal.core.paging import paginate
from portal.registry.models import Resident


@roles.caseworker_required
@never_cache
@require_http_methods(READ_METHODS)
def recovery_list(request: HttpRequest) -> HttpResponse:
    """The recoveries of the user's scope, owed first, with what is repaid and still
    owed; ``?status=`` filters (owed, recovered, waived)."""
    status = request.GET.get("status", "")
    recoveries = (
        Recovery.objects.visible_to(request.user)
        .with_repaid()
        .select_related("application__programme", "application__household__community")
        .annotate(
            head_name=Subquery(
                Resident.objects.heads()
                .filter(household=OuterRef("application__household"))
                .values("name")[:1]
            )
        )
    )
    if status in RecoveryStatus.values:
        recoveries = recoveries.filter(status=status)
    else:
        status = ""
    recoveries = recoveries.order_by("-status", "-recorded_at", "-pk")
    page, page_range = paginate(request, recoveries)
    return render(
        request,
        "assistance/recovery_list.html",
        {
            "page_obj": page,
            "page_range": page_range,
            "status": status,
            "statuses": RecoveryStatus.choices,
        },
    )


def _detail(request: HttpRequest, recovery: Recovery, **forms: object) -> HttpResponse:
    may_act = roles.is_confirmer(request.user) and recovery.status == RecoveryStatus.OWED
    return render(
        request,
        "assistance/recovery_detail.html",
        {
            "recovery": recovery,
            "application": recovery.application,
            "repayments": recovery.repayments.select_related("recorded_by").order_by(
                "paid_on", "pk"
            ),
            "repay_form": forms.get("repay_form", RepaymentForm()) if may_act else None,
            "settle_form": forms.get("settle_form", RecoverySettleForm()) if may_act else None,
        },
    )


def _recovery_to_change(request: HttpRequest, pk: int) -> Recovery:
    """The recovery for a sub-district action: 404 outside the scope (first, so an
    outsider learns nothing), 403 for community staff."""
    recovery = access.get_recovery_for_user(request.user, pk)
    if not roles.is_confirmer(request.user):
        raise PermissionDenied
    return recovery


@roles.caseworker_required
@never_cache
@require_http_methods(READ_METHODS)
def recovery_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One recovery: the case, the months, the amount, the repayments, what is still
    owed; for the sub-district, the forms that record a repayment and close it."""
    return _detail(request, access.get_recovery_for_user(request.user, pk))


@roles.caseworker_required
@never_cache
@require_POST
def recovery_repay(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a repayment (exact yuan, not more than what is still owed)."""
    recovery = _recovery_to_change(request, pk)
    form = RepaymentForm(request.POST)
    if form.is_valid():
        try:
            payments.recovery_repay(recovery=recovery, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The repayment of %(amount)s is recorded.")
                % {"amount": money_text(form.cleaned_data["amount"])},
            )
            return redirect("assistance:recovery-detail", pk=recovery.pk)
    return _detail(request, recovery, repay_form=form)


@roles.caseworker_required
@never_cache
@require_POST
def recovery_settle(request: HttpRequest, pk: int) -> HttpResponse:
    """Close the recovery as recovered or waived, after a confirmation that says what
    follows."""
    recovery = _recovery_to_change(request, pk)
    form = RecoverySettleForm(request.POST)
    if form.is_valid():
        outstanding = recovery.outstanding
        if form.cleaned_data["outcome"] == RecoveryStatus.WAIVED:
            question = _("Waive the %(amount)s still owed?") % {"amount": money_text(outstanding)}
            consequence = _(
                "The household is no longer asked to repay it; the recovery closes with "
                "your reason and cannot be reopened."
            )
        else:
            question = _("Close the recovery as recovered?")
            consequence = _(
                "The %(amount)s still owed is recorded as repaid today and the recovery "
                "closes; it cannot be reopened."
            ) % {"amount": money_text(outstanding)}
        page = confirmation_page(
            request,
            question=question,
            consequence=consequence,
            confirm_label=str(dict(form.fields["outcome"].choices)[form.cleaned_data["outcome"]]),
            back_url=reverse("assistance:recovery-detail", args=[recovery.pk]),
        )
        if page is not None:
            return page
        try:
            payments.recovery_settle(
                recovery=recovery,
                by=request.user,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The recovery is closed."))
            return redirect("assistance:recovery-detail", pk=recovery.pk)
    return _detail(request, recovery, settle_form=form)


@roles.caseworker_required
@never_cache
@require_POST
def recovery_record(request: HttpRequest, pk: int) -> HttpResponse:
    """追缴 on a stopped case (``pk`` is the application): what was paid from the month
    it should have stopped is recorded as owed."""
    application = access.get_application_for_user(request.user, pk)
    if not roles.is_confirmer(request.user):
        raise PermissionDenied
    form = RecoveryRecordForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(application)
    try:
        recovery = payments.recovery_record(
            application=application, by=request.user, **form.cleaned_data
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(application)
    messages.success(
        request,
        _("%(amount)s is recorded as owed.") % {"amount": money_text(recovery.amount)},
    )
    return redirect("assistance:recovery-detail", pk=recovery.pk)
