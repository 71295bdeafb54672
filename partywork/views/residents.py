"""A member's own pages: their memberships and roles, the private calendar address
(secret token, revocable), the private feed itself, and nominating and voting in their
community's outstanding-member selections.

Only the account holder sees these pages; the feed is read by calendar apps without a
session, so it is found by its token alone (an unknown or revoked token is a 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partywork.forms.residents import NominationForm, VoteForm
from partywork.models import DutyAssignment, FeedToken, Membership, Selection, Vote
from partywork.services import feeds, selections
from portal.core.forms import add_service_error
from portal.events import ical


def _resident_user(request: HttpRequest):
    """The signed-in resident account (staff have their own pages: 403)."""
    user = request.user
    if getattr(user, "is_portal_staff", False):
        raise PermissionDenied
    return user


@never_cache
@require_GET
def my_partywork(request: HttpRequest) -> HttpResponse:
    user = _resident_user(request)
    resident_id = user.resident_id
    memberships = list(
        Membership.objects.filter(resident_id=resident_id).select_related("organisation")
        if resident_id
        else []
    )
    token = FeedToken.objects.filter(user=user).first()
    feed_url = (
        request.build_absolute_uri(reverse("partywork:private-feed", args=[token.token]))
        if token
        else ""
    )
    open_selections = (
        list(
            Selection.objects.filter(
                organisation__community_id=user.resident.community_id, closed_at__isnull=True
            ).select_related("organisation")
        )
        if resident_id
        else []
    )
    return render(
        request,
        "partywork/my_partywork.html",
        {
            "memberships": memberships,
            "duties": list(
                DutyAssignment.objects.filter(membership__resident_id=resident_id).select_related(
                    "membership__organisation"
                )
            )
            if resident_id
            else [],
            "feed_url": feed_url,
            "webcal_url": "webcal://" + feed_url.split("://", 1)[1] if feed_url else "",
            "is_member": any(m.left_on is None for m in memberships),
            "selections": open_selections,
        },
    )


@never_cache
@require_POST
def feed_renew(request: HttpRequest) -> HttpResponse:
    """A new private address; the old one stops working."""
    user = _resident_user(request)
    if not user.resident_id:
        messages.error(request, _("Link your account to the registry first."))
    else:
        feeds.feed_token_renew(user=user)
        messages.success(
            request, _("Your calendar has a new address; the old one no longer works.")
        )
    return redirect("partywork:my-partywork")


@never_cache
@require_POST
def feed_revoke(request: HttpRequest) -> HttpResponse:
    user = _resident_user(request)
    feeds.feed_token_revoke(user=user)
    messages.success(request, _("Your calendar address no longer works."))
    return redirect("partywork:my-partywork")


@login_not_required
@never_cache
@require_GET
def private_feed(request: HttpRequest, token: str) -> HttpResponse:
    """``/partywork/feed/<token>.ics``: the member's private calendar (``?year=`` for a
    whole year). The token is the only key; the response is never cached."""
    if not (20 <= len(token) <= 64):
        raise Http404
    found = FeedToken.objects.select_related("user").filter(token=token).first()
    if found is None or not found.user.is_active or not found.user.resident_id:
        raise Http404
    year = None
    value = request.GET.get("year", "")
    if value.isascii() and value.isdigit() and 2000 <= int(value[:5]) <= 2100:
        year = int(value)
    events = feeds.feed_events(found.user, year=year)
    response = HttpResponse(
        ical.build_calendar(events, request, name=_("My Party and League calendar")),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="partywork.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


def _selection_for_resident(request: HttpRequest, pk: int) -> Selection:
    user = _resident_user(request)
    if not user.resident_id:
        raise Http404
    return get_object_or_404(
        Selection.objects.select_related("organisation"),
        pk=pk,
        organisation__community_id=user.resident.community_id,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def selection_vote(request: HttpRequest, pk: int) -> HttpResponse:
    """The selection of the resident's community: nominate before voting opens, vote
    once while it is open, see the selected members once recorded."""
    selection = _selection_for_resident(request, pk)
    resident = request.user.resident
    now = timezone.now()
    nominate_form = NominationForm(selection=selection)
    vote_form = VoteForm(selection=selection)
    if request.method == "POST":
        if "nominate" in request.POST:
            nominate_form = NominationForm(request.POST, selection=selection)
            if nominate_form.is_valid():
                try:
                    selections.nomination_create(
                        selection=selection, nominated_by=resident, **nominate_form.cleaned_data
                    )
                except ValidationError as error:
                    add_service_error(
                        nominate_form, error, {"duplicate": "membership", "reason": "reason"}
                    )
                else:
                    messages.success(request, _("Thank you: the nomination is recorded."))
                    return redirect("partywork:selection-vote", pk=selection.pk)
        else:
            vote_form = VoteForm(request.POST, selection=selection)
            if vote_form.is_valid():
                try:
                    selections.vote_cast(
                        nomination=vote_form.cleaned_data["nomination"], voter=resident
                    )
                except ValidationError as error:
                    add_service_error(vote_form, error, {})
                else:
                    messages.success(request, _("Thank you: your vote is recorded."))
                    return redirect("partywork:selection-vote", pk=selection.pk)
    return render(
        request,
        "partywork/selection_vote.html",
        {
            "selection": selection,
            "nominate_form": nominate_form,
            "vote_form": vote_form,
            "nominating": selection.closed_at is None and now < selection.vote_opens_at,
            "voting": selection.is_open(now),
            "voted": Vote.objects.filter(selection=selection, voter=resident).exists(),
            "selected": list(
                selection.nominations.filter(selected=True).select_related("membership__resident")
            ),
        },
    )
