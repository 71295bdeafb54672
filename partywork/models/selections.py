"""寻找身边的优秀党员: nominations with a reason, a vote window, one vote per person, and
the selection recorded."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.scoping import CommunityScopedQuerySet


class SelectionQuerySet(CommunityScopedQuerySet):
    community_lookup = "organisation__community"


class Selection(models.Model):
    """One branch's selection of outstanding members for one year."""

    organisation = models.ForeignKey(
        "partywork.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="selections",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    vote_opens_at = models.DateTimeField(_("voting opens"))
    vote_closes_at = models.DateTimeField(_("voting closes"))
    places = models.PositiveSmallIntegerField(_("number selected"), default=3)
    closed_at = models.DateTimeField(_("results recorded"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = SelectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("outstanding-member selection")
        verbose_name_plural = _("outstanding-member selections")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="partywork_one_selection_per_year"
            ),
            models.CheckConstraint(
                condition=Q(vote_closes_at__gt=models.F("vote_opens_at")),
                name="partywork_vote_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("partywork:selection-detail", kwargs={"pk": self.pk})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.closed_at is None and self.vote_opens_at <= now < self.vote_closes_at


class NominationQuerySet(CommunityScopedQuerySet):
    community_lookup = "selection__organisation__community"

    def with_votes(self) -> "NominationQuerySet":
        return self.annotate(vote_count=models.Count("votes")).order_by("-vote_count", "pk")


class Nomination(models.Model):
    """A member put forward, with the reason, by a member or an identity-linked resident."""

    selection = models.ForeignKey(
        Selection,
        verbose_name=_("outstanding-member selection"),
        on_delete=models.CASCADE,
        related_name="nominations",
    )
    membership = models.ForeignKey(
        "partywork.Membership",
        verbose_name=_("nominee"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    reason = models.TextField(_("reason"))
    nominated_by = models.ForeignKey(
        "registry.Resident",
        verbose_name=_("nominated by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    selected = models.BooleanField(_("selected"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["selection", "membership"], name="partywork_one_nomination_per_nominee"
            )
        ]

    def __str__(self) -> str:
        return str(self.membership.resident)


class Vote(models.Model):
    """One person's vote in one selection (the database holds one per person too)."""

    selection = models.ForeignKey(Selection, on_delete=models.CASCADE, related_name="votes")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey("registry.Resident", on_delete=models.PROTECT, related_name="+")
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["selection", "voter"], name="partywork_one_vote_each")
        ]

    def __str__(self) -> str:
        return f"{self.selection_id}: {self.voter_id}"
