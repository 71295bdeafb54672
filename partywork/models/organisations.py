"""Party and Youth League organisations of a community and their members and officers."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partywork import rules
from portal.accounts.scoping import CommunityScopedQuerySet


class OrgKind(models.TextChoices):
    GENERAL_BRANCH = "general_branch", _("General Party branch")  # 党总支
    BRANCH = "branch", _("Party branch")  # 党支部
    GROUP = "group", _("Party group")  # 党小组
    LEAGUE = "league", _("Youth League branch")  # 团支部


PARTY_KINDS = frozenset({OrgKind.GENERAL_BRANCH, OrgKind.BRANCH, OrgKind.GROUP})


class OrganisationQuerySet(CommunityScopedQuerySet):
    def party(self) -> "OrganisationQuerySet":
        return self.filter(kind__in=PARTY_KINDS)

    def branches(self) -> "OrganisationQuerySet":
        return self.filter(kind=OrgKind.BRANCH)

    def with_counts(self, on: dt.date | None = None) -> "OrganisationQuerySet":
        on = on or timezone.localdate()
        current = Q(memberships__joined_on__lte=on) & (
            Q(memberships__left_on__isnull=True) | Q(memberships__left_on__gt=on)
        )
        return self.annotate(
            full_count=models.Count(
                "memberships", filter=current & Q(memberships__standing=Standing.FULL)
            ),
            member_count=models.Count("memberships", filter=current),
        )


class Organisation(models.Model):
    """A 党总支, 党支部, 党小组 or 团支部 of one community."""

    community = models.ForeignKey(
        "registry.Community",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="party_organisations",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrgKind.choices)
    name = models.CharField(_("organisation name"), max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("belongs to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    founded_on = models.DateField(_("founded on"))
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    history = HistoricalRecords()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["community", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="partywork_org_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partywork:organisation-detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        super().clean()
        if self.parent_id and self.parent.community_id != self.community_id:
            raise ValidationError(
                {"parent": _("An organisation belongs to one of its own community's.")}
            )
        if self.kind == OrgKind.GROUP and (
            not self.parent_id or self.parent.kind != OrgKind.BRANCH
        ):
            raise ValidationError({"parent": _("A Party group belongs to a Party branch.")})

    @property
    def is_party(self) -> bool:
        return self.kind in PARTY_KINDS

    @property
    def is_league(self) -> bool:
        return self.kind == OrgKind.LEAGUE

    @property
    def members_tag_slug(self) -> str:
        """The registry tag that marks this organisation's members (for members-only
        kernel events): 党员 or 团员."""
        from portal.registry.models import Tag

        return Tag.LEAGUE_MEMBER if self.is_league else Tag.PARTY_MEMBER

    def current_memberships(self, on: dt.date | None = None) -> "models.QuerySet[Membership]":
        on = on or timezone.localdate()
        return self.memberships.current(on)

    def warnings(self, on: dt.date | None = None) -> list[str]:
        """The branch rules of §6.2 as warnings for a 党支部: fewer than the minimum of
        full members; a committee due from seven; more members than usual."""
        if self.kind != OrgKind.BRANCH:
            return []
        on = on or timezone.localdate()
        members = self.current_memberships(on)
        full = sum(1 for m in members if m.standing == Standing.FULL)
        total = len(members)
        found: list[str] = []
        minimum = rules.setting("BRANCH_MIN_FULL_MEMBERS")
        if full < minimum:
            found.append(
                _(
                    "The branch has %(full)d full members; a Party branch needs at least "
                    "%(minimum)d."
                )
                % {"full": full, "minimum": minimum}
            )
        committee_from = rules.setting("COMMITTEE_FROM_FULL_MEMBERS")
        if full >= committee_from and not self.has_committee(on):
            found.append(
                _(
                    "The branch has %(full)d full members: from %(from)d it elects a branch "
                    "committee."
                )
                % {"full": full, "from": committee_from}
            )
        usual = rules.setting("BRANCH_USUAL_MAX_MEMBERS")
        if total > usual:
            found.append(
                _("The branch has %(total)d members; a branch usually has at most %(usual)d.")
                % {"total": total, "usual": usual}
            )
        return found

    def has_committee(self, on: dt.date) -> bool:
        """Whether the branch has a committee in office on ``on`` (a committee post other
        than a group leader)."""
        return (
            self.officers.in_office(on)
            .filter(post__in=COMMITTEE_POSTS)
            .exclude(post=Post.SECRETARY)
            .exists()
        )


class Standing(models.TextChoices):
    FULL = "full", _("Full member")  # 正式党员 / 团员
    PROBATIONARY = "probationary", _("Probationary member")  # 预备党员


class JoinedHow(models.TextChoices):
    ADMITTED = "admitted", _("Admitted")
    TRANSFERRED_IN = "transferred_in", _("Transferred in")  # 转入


class LeftHow(models.TextChoices):
    TRANSFERRED_OUT = "transferred_out", _("Transferred out")  # 转出
    AGED_OUT = "aged_out", _("Left the League by age")
    DECEASED = "deceased", _("Deceased")
    OTHER = "other", _("Other")


class MembershipQuerySet(CommunityScopedQuerySet):
    community_lookup = "organisation__community"

    def current(self, on: dt.date | None = None) -> "MembershipQuerySet":
        on = on or timezone.localdate()
        return self.filter(joined_on__lte=on).filter(Q(left_on__isnull=True) | Q(left_on__gt=on))

    def active(self) -> "MembershipQuerySet":
        return self.filter(left_on__isnull=True)


class Membership(models.Model):
    """A resident's membership of one organisation: since when, full or probationary,
    how they came (admitted or transferred in) and, once over, when and how they left."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    resident = models.ForeignKey(
        "registry.Resident",
        verbose_name=_("organisation member"),
        on_delete=models.PROTECT,
        related_name="party_memberships",
    )
    #: Copied from the organisation: one live membership per level (a member in two
    #: branches at once is refused by the database too).
    level = models.CharField(_("level"), max_length=20, choices=OrgKind.choices, editable=False)
    standing = models.CharField(
        _("standing"), max_length=20, choices=Standing.choices, default=Standing.FULL
    )
    joined_on = models.DateField(_("joined on"))
    joined_how = models.CharField(
        _("joined by"), max_length=20, choices=JoinedHow.choices, default=JoinedHow.ADMITTED
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)
    left_how = models.CharField(_("left by"), max_length=20, choices=LeftHow.choices, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation", "joined_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "level"],
                condition=Q(left_on__isnull=True),
                name="partywork_one_live_membership_per_level",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="partywork_membership_leaves_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resident} · {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("partywork:member-detail", kwargs={"pk": self.pk})

    @property
    def is_current(self) -> bool:
        return self.left_on is None or self.left_on > timezone.localdate()

    def is_member_on(self, day: dt.date) -> bool:
        return self.joined_on <= day and (self.left_on is None or self.left_on > day)


class Post(models.TextChoices):
    SECRETARY = "secretary", _("Secretary")  # 书记
    DEPUTY = "deputy", _("Deputy secretary")  # 副书记
    ORGANISATION = "organisation", _("Organisation committee member")  # 组织委员
    PROPAGANDA = "propaganda", _("Propaganda committee member")  # 宣传委员
    DISCIPLINE = "discipline", _("Discipline committee member")  # 纪检委员
    COMMITTEE = "committee", _("Committee member")  # 委员
    GROUP_LEADER = "group_leader", _("Group leader")  # 党小组组长


COMMITTEE_POSTS = frozenset(
    {
        Post.SECRETARY,
        Post.DEPUTY,
        Post.ORGANISATION,
        Post.PROPAGANDA,
        Post.DISCIPLINE,
        Post.COMMITTEE,
    }
)


class OfficerQuerySet(CommunityScopedQuerySet):
    community_lookup = "organisation__community"

    def in_office(self, on: dt.date | None = None) -> "OfficerQuerySet":
        on = on or timezone.localdate()
        return self.filter(term_start__lte=on, term_end__gte=on)


class Officer(models.Model):
    """A member holding a post of an organisation for a term."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="officers",
    )
    membership = models.ForeignKey(
        Membership,
        verbose_name=_("organisation member"),
        on_delete=models.PROTECT,
        related_name="posts",
    )
    post = models.CharField(_("post"), max_length=20, choices=Post.choices)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"))
    history = HistoricalRecords()

    objects = OfficerQuerySet.as_manager()

    class Meta:
        verbose_name = _("officer")
        verbose_name_plural = _("officers")
        ordering = ["organisation", "post", "-term_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gte=models.F("term_start")), name="partywork_term_ends_after"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_post_display()} {self.membership.resident}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.term_start and self.term_end and self.term_end < self.term_start:
            errors["term_end"] = _("The term must end after it starts.")
        if self.membership_id and self.membership.organisation_id != self.organisation_id:
            errors["membership"] = _("An officer is a member of the organisation.")
        if errors:
            raise ValidationError(errors)
