"""Residents' requests for elder-care services (the service guide's "apply online"):
a signed-in resident asks for themselves or an elder of their household; the
community's staff are told and mark the request handled once they have acted."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eldercare.models import RequestKind, ServiceRequest
from eldercare.roles import check_scope
from eldercare.services.common import check_elderly, community_staff
from portal.notifications.services import notify

REQUEST_KIND = "eldercare_request"


def request_submit(*, user: Any, elder: Any, kind: str, note: str = "") -> ServiceRequest:
    """``user`` (a resident linked to the registry) asks for ``kind`` for ``elder``
    (themselves or a member of their household). Raises ``ValidationError``
    ``not_linked``, ``not_household``, ``kind``, ``not_elderly`` or ``duplicate`` (the
    same request is still open)."""
    own = getattr(user, "resident", None)
    if own is None:
        raise ValidationError(_("Link your account to the registry first."), code="not_linked")
    if elder.pk != own.pk and (not own.household_id or elder.household_id != own.household_id):
        raise ValidationError(
            _("You may ask for yourself or a member of your household."), code="not_household"
        )
    if kind not in RequestKind.values:
        raise ValidationError(_("Choose a service."), code="kind")
    check_elderly(elder, timezone.localdate())
    try:
        with transaction.atomic():
            request = ServiceRequest.objects.create(
                elder=elder, kind=kind, note=(note or "")[:300], requested_by=user
            )
    except IntegrityError:
        raise ValidationError(
            _("This request is already waiting for the community."), code="duplicate"
        ) from None
    url = reverse("eldercare:elder-detail", args=[elder.pk])
    for staff in community_staff(elder.community_id):
        notify(
            staff,
            REQUEST_KIND,
            {"elder": elder.name, "service": request.get_kind_display()},
            url=url,
            key=f"eldercare-request-{request.pk}-{staff.pk}",
        )
    return request


def request_handle(*, request: ServiceRequest, by: Any) -> ServiceRequest:
    """Staff have acted on the request. Raises ``other_community`` or ``handled``."""
    check_scope(by, request.elder.community_id)
    with transaction.atomic():
        locked = ServiceRequest.objects.unscoped().select_for_update().get(pk=request.pk)
        if locked.handled_at:
            raise ValidationError(_("This request has already been handled."), code="handled")
        locked.handled_at, locked.handled_by = timezone.now(), by
        locked.save(update_fields=["handled_at", "handled_by"])
    return locked
