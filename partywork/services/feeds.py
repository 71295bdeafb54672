"""A member's private calendar: the address (secret token, revocable) and what it holds."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from partywork.models import FeedToken, Membership, OrgKind
from portal.core.dates import local_datetime
from portal.events.models import (
    Audience,
    Event,
    OrganiserApp,
    Registration,
    RegistrationStatus,
)


def feed_token_renew(*, user: Any) -> FeedToken:
    """Give ``user`` (a resident account) a new secret address; the old one stops working
    at once. Called by the account holder only."""
    with transaction.atomic():
        FeedToken.objects.filter(user=user).delete()
        return FeedToken.objects.create(user=user)


def feed_token_revoke(*, user: Any) -> None:
    """Stop the private address; nothing is served under it any more."""
    FeedToken.objects.filter(user=user).delete()


def feed_events(user: Any, *, year: int | None = None) -> QuerySet:
    """The private feed of ``user``: the members-only Party (or League) events of the
    communities of their live memberships beside the events they signed up for. A year
    when given, otherwise a month back and a year ahead."""
    resident_id = user.resident_id
    if year is not None:
        start = local_datetime(dt.date(year, 1, 1))
        end = local_datetime(dt.date(year + 1, 1, 1)) if year < 9999 else None
    else:
        now = timezone.now()
        start, end = now - dt.timedelta(days=31), now + dt.timedelta(days=366)
    memberships = Membership.objects.filter(resident_id=resident_id, left_on__isnull=True)
    party_communities = memberships.exclude(level=OrgKind.LEAGUE).values("organisation__community")
    league_communities = memberships.filter(level=OrgKind.LEAGUE).values("organisation__community")
    own_members_only = Q(
        organiser_app=OrganiserApp.PARTYWORK,
        audience=Audience.MEMBERS,
    ) & (
        Q(community__in=party_communities, members_tag__slug="party_member")
        | Q(community__in=league_communities, members_tag__slug="league_member")
    )
    signed_up = Q(
        pk__in=Registration.objects.filter(
            resident_id=resident_id,
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED],
        ).values("event")
    )
    events = Event.objects.filter(own_members_only | signed_up).filter(ends_at__gt=start)
    if end is not None:
        events = events.filter(starts_at__lt=end)
    return events.order_by("starts_at", "pk")
