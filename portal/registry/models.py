"""The shared resident registry: sub-district → communities → compounds → households →
residents. Every domain app points at these records."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from portal.accounts.scoping import CommunityScopedQuerySet
from portal.core.dates import years_before
from portal.core.jobs import JobStatus, TrackedJob, TrackedJobQuerySet
from portal.registry import idnumbers, masking
from portal.registry.masking import mask_id_number, mask_phone


class SubDistrict(models.Model):
    """The 街道 office that the portal serves."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.CharField(
        _("division code"), max_length=9, blank=True, help_text=_("GB/T 10114 code.")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("office phone"), max_length=30, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sub-district")
        verbose_name_plural = _("sub-districts")

    def __str__(self) -> str:
        return self.name


class CommunityQuerySet(CommunityScopedQuerySet):
    community_lookup = "pk"

    def named(self, text: str) -> "Community | None":
        """The community with this name or committee code (what a command line takes)."""
        return self.filter(name=text).first() or self.filter(code=text).first()


class Community(models.Model):
    """A residential community (社区) and its residents' committee."""

    sub_district = models.ForeignKey(
        SubDistrict,
        verbose_name=_("sub-district"),
        on_delete=models.PROTECT,
        related_name="communities",
    )
    name = models.CharField(_("name"), max_length=50, unique=True)
    code = models.CharField(
        _("committee code"),
        max_length=3,
        blank=True,
        help_text=_("3-digit residents' committee code (居委会 001 to 099)."),
    )
    address = models.CharField(_("office address"), max_length=200, blank=True)
    phone = models.CharField(_("office phone"), max_length=30, blank=True)

    objects = CommunityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["code", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def full_name(self) -> str:
        """The name as a sentence says it: 东南 → 东南社区 (a name ending in 社区 stays)."""
        if self.name.endswith("社区"):
            return self.name
        return _("%(name)s Community") % {"name": self.name}


class CompoundQuerySet(CommunityScopedQuerySet):
    community_lookup = "community"


class Compound(models.Model):
    """A residential compound (小区) inside one community."""

    community = models.ForeignKey(
        Community, verbose_name=_("community"), on_delete=models.PROTECT, related_name="compounds"
    )
    name = models.CharField(_("name"), max_length=100)
    address = models.CharField(_("address"), max_length=200, blank=True)

    objects = CompoundQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("compound")
        verbose_name_plural = _("compounds")
        ordering = ["community", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="compound_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class RegistrationType(models.TextChoices):
    URBAN = "urban", _("Urban")
    RURAL = "rural", _("Rural")


class HouseholdQuerySet(CommunityScopedQuerySet):
    community_lookup = "community"

    def search(self, text: str) -> "HouseholdQuerySet":
        """Address contains, or a member's name contains, ``text``.

        EXISTS rather than a join on members: a join would repeat a household once per
        matching member and inflate the paginator's count.
        """
        text = (text or "").strip()
        if not text:
            return self
        named = Resident.objects.filter(household=models.OuterRef("pk"), name__icontains=text)
        return self.filter(models.Q(address__icontains=text) | models.Exists(named))


class Household(models.Model):
    """A household (户): an address, an urban or rural registration, and its members."""

    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="households",
    )
    compound = models.ForeignKey(
        Compound,
        verbose_name=_("compound"),
        on_delete=models.PROTECT,
        related_name="households",
        null=True,
        blank=True,
    )
    address = models.CharField(_("address"), max_length=200)
    registration_type = models.CharField(
        _("registration"), max_length=10, choices=RegistrationType.choices
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = HouseholdQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["community", "address"]
        # The household list's order, primary key last: its pages seek by this index.
        indexes = [
            models.Index(fields=["community", "address", "id"], name="household_community_address")
        ]

    def __str__(self) -> str:
        return self.address

    def get_absolute_url(self) -> str:
        return reverse("registry:household-detail", args=[self.pk])

    def clean(self) -> None:
        if (
            self.compound_id
            and self.community_id
            and self.compound.community_id != self.community_id
        ):
            raise ValidationError({"compound": _("This compound belongs to another community.")})

    @property
    def head(self) -> "Resident | None":
        """The member registered as head of household (户主), if any."""
        return next((m for m in self.members.all() if m.relation_to_head == Relation.HEAD), None)


class Relation(models.TextChoices):
    HEAD = "head", _("Head of household")
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    CHILD_IN_LAW = "child_in_law", _("Son- or daughter-in-law")
    PARENT = "parent", _("Parent")
    PARENT_IN_LAW = "parent_in_law", _("Parent-in-law")
    GRANDCHILD = "grandchild", _("Grandchild")
    GRANDPARENT = "grandparent", _("Grandparent")
    SIBLING = "sibling", _("Brother or sister")
    OTHER = "other", _("Other")


class Gender(models.TextChoices):
    MALE = idnumbers.MALE, _("Male")
    FEMALE = idnumbers.FEMALE, _("Female")


#: Relations that Chinese names by the person's gender (the registry stores one code).
GENDERED_RELATIONS = {
    (Relation.SPOUSE, Gender.MALE): _("Husband"),
    (Relation.SPOUSE, Gender.FEMALE): _("Wife"),
    (Relation.CHILD, Gender.MALE): _("Son"),
    (Relation.CHILD, Gender.FEMALE): _("Daughter"),
    (Relation.CHILD_IN_LAW, Gender.MALE): _("Son-in-law"),
    (Relation.CHILD_IN_LAW, Gender.FEMALE): _("Daughter-in-law"),
    (Relation.PARENT, Gender.MALE): _("Father"),
    (Relation.PARENT, Gender.FEMALE): _("Mother"),
    (Relation.GRANDCHILD, Gender.MALE): _("Grandson"),
    (Relation.GRANDCHILD, Gender.FEMALE): _("Granddaughter"),
    (Relation.SIBLING, Gender.MALE): _("Brother"),
    (Relation.SIBLING, Gender.FEMALE): _("Sister"),
}


class Tag(models.Model):
    """A label on a resident that the work plans count and select by."""

    ELDERLY = "elderly"
    DISABLED = "disabled"
    VETERAN = "veteran"
    PARTY_MEMBER = "party_member"
    LEAGUE_MEMBER = "league_member"
    FLOATING = "floating"

    slug = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=50)
    name_en = models.CharField(_("English name"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class ResidentQuerySet(CommunityScopedQuerySet):
    community_lookup = "community"

    def for_list(self) -> "ResidentQuerySet":
        """What a list page shows, in a fixed number of queries whatever the row count."""
        return self.select_related("community", "household__compound").prefetch_related("tags")

    def search(self, text: str) -> "ResidentQuerySet":
        """Name contains, or ID-number tail, or phone: what staff type at the counter."""
        text = (text or "").strip()
        if not text:
            return self
        query = models.Q(name__icontains=text)
        digits = idnumbers.normalize_id_number(text)
        if (
            len(digits) >= 4
            and digits[:-1].isdigit()
            and (digits[-1].isdigit() or digits[-1] == "X")
        ):
            query |= models.Q(id_number__endswith=digits)
        phone = idnumbers.normalize_phone(text)
        if len(phone) >= 4 and phone.isdigit():
            query |= models.Q(phone=phone) if len(phone) == 11 else models.Q(phone__endswith=phone)
        return self.filter(query)

    def heads(self) -> "ResidentQuerySet":
        """Heads of household (户主); with ``household=OuterRef(...)``, the head's name or
        ID number as a subquery of a list of households, applications or payments."""
        return self.filter(relation_to_head=Relation.HEAD)

    def born_on_or_before(self, date: dt.date) -> "ResidentQuerySet":
        return self.filter(birth_date__lte=date)

    def matching(self, filters: dict[str, Any]) -> "ResidentQuerySet":
        """The resident list's search and filters (``q``, ``community``, ``compound``,
        ``tag``), shared by the list page and its export so the two cannot drift apart.
        Scoping is the caller's: start from ``visible_to``."""
        residents = self.search(filters.get("q", ""))
        if filters.get("community"):
            residents = residents.filter(community=filters["community"])
        if filters.get("compound"):
            residents = residents.filter(household__compound=filters["compound"])
        if filters.get("tag"):
            residents = residents.filter(tags__slug=filters["tag"])
        return residents


class Resident(models.Model):
    """A person living in a community, keyed by the national ID number."""

    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="residents",
    )
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
    )
    relation_to_head = models.CharField(
        _("relation to head"), max_length=20, choices=Relation.choices, blank=True
    )
    name = models.CharField(_("name"), max_length=50, db_index=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    id_number = models.CharField(
        _("ID number"),
        max_length=18,
        unique=True,
        validators=[idnumbers.validate_id_number],
        error_messages={
            "unique": _(
                "A resident with this ID number is already registered in the sub-district; "
                "the sub-district office can resolve it."
            )
        },
    )
    birth_date = models.DateField(_("birth date"))
    phone = models.CharField(
        _("phone"), max_length=20, blank=True, validators=[idnumbers.validate_phone]
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="residents")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ResidentQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[tags], excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        ordering = ["community", "name", "pk"]
        # The resident list's order, primary key last: its pages seek by an index-only scan.
        indexes = [
            models.Index(fields=["community", "name", "id"], name="resident_community_name_id")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=models.Q(relation_to_head="head"),
                name="resident_one_head_per_household",
                violation_error_message=_("This household already has a head."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Normalise only; validation belongs to full_clean() and the forms.
        self.id_number = idnumbers.normalize_id_number(self.id_number)
        if self.phone:
            self.phone = idnumbers.normalize_phone(self.phone)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("registry:resident-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        self.id_number = idnumbers.normalize_id_number(self.id_number)
        try:
            info = idnumbers.parse_id_number(self.id_number)
        except ValidationError:
            info = None  # the field validator reports it
        if info:
            self.id_number = info.number  # 15-digit numbers are stored in the 18-digit form
            if self.birth_date and self.birth_date != info.birth_date:
                errors["birth_date"] = _(
                    "The birth date does not match the one in the ID number (%(date)s)."
                ) % {"date": info.birth_date.isoformat()}
            if self.gender and self.gender != info.gender:
                errors["gender"] = _("The gender does not match the one in the ID number.")
            self.birth_date = self.birth_date or info.birth_date
            self.gender = self.gender or info.gender
        if (
            self.household_id
            and self.community_id
            and self.household.community_id != self.community_id
        ):
            errors["household"] = _("This household belongs to another community.")
        if self.household_id and not self.relation_to_head:
            errors["relation_to_head"] = _("Say how this member is related to the head.")
        if not self.household_id and self.relation_to_head:
            errors["relation_to_head"] = _("Only household members have a relation to the head.")
        if errors:
            raise ValidationError(errors)

    def age_on(self, date: dt.date) -> int:
        """Completed years (周岁) on ``date``."""
        born = self.birth_date
        return date.year - born.year - ((date.month, date.day) < (born.month, born.day))

    @property
    def age(self) -> int:
        return self.age_on(timezone.localdate())

    @property
    def relation_label(self) -> str:
        """The relation to the head as said of this person: a woman is a 儿媳 or a 女儿,
        never "儿媳/女婿"; "" when unknown."""
        if not self.relation_to_head:
            return ""
        by_gender = GENDERED_RELATIONS.get((self.relation_to_head, self.gender))
        return str(by_gender) if by_gender else self.get_relation_to_head_display()

    @property
    @admin.display(description=_("ID number"))
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    @property
    @admin.display(description=_("phone"))
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    def id_number_for(self, user: Any) -> str:
        """The ID number as ``user`` may see it: full for identity-checking roles."""
        return masking.id_number_for(user, self.id_number)

    def phone_for(self, user: Any) -> str:
        return masking.phone_for(user, self.phone)


def elderly_birth_cutoff(today: dt.date | None = None) -> dt.date:
    """Latest birth date of someone who has reached ``ELDERLY_AGE`` by ``today``."""
    return years_before(today or timezone.localdate(), settings.ELDERLY_AGE)


# --- imports from spreadsheets ----------------------------------------------------------------


class ImportPhase(models.TextChoices):
    """Where an import stands; ``status`` tracks the run of the current phase."""

    CHECK = "check", _("Checking")
    CHECKED = "checked", _("Checked")
    COMMIT = "commit", _("Importing")
    COMMITTED = "committed", _("Imported")


class RegistryImportQuerySet(CommunityScopedQuerySet, TrackedJobQuerySet):
    """Scoped like every community record; an import with no community (uploaded by a
    sub-district user) is seen by sub-district roles only."""

    community_lookup = "community"


class RegistryImport(TrackedJob):
    """A spreadsheet of residents: checked row by row first (the dry run), then written to
    the registry all at once when the person who uploaded it says so."""

    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    phase = models.CharField(
        _("phase"), max_length=10, choices=ImportPhase.choices, default=ImportPhase.CHECK
    )
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    error_count = models.PositiveIntegerField(_("problems"), default=0)
    errors = models.JSONField(
        _("problems found"),
        default=list,
        blank=True,
        help_text=_('Every problem found: {"row", "column", "code", "message"}.'),
    )
    preview = models.JSONField(
        _("what the import would add"),
        default=dict,
        blank=True,
        help_text=_(
            "Filled by a clean check: the new households and residents, and the first rows "
            '(names and masked ID numbers): {"households_new", "households_joined", '
            '"residents", "rows"}.'
        ),
    )
    households_created = models.PositiveIntegerField(_("households created"), default=0)
    residents_created = models.PositiveIntegerField(_("residents created"), default=0)
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = RegistryImportQuerySet.as_manager()

    class Meta(TrackedJob.Meta):
        verbose_name = _("registry import")
        verbose_name_plural = _("registry imports")

    def __str__(self) -> str:
        return _("Resident import #%(pk)s %(name)s") % {"pk": self.pk, "name": self.original_name}

    def get_absolute_url(self) -> str:
        return reverse("registry:import-detail", args=[self.pk])

    @property
    def outcome(self) -> str:
        """What the check found, or what the import wrote (for the uploader's inbox)."""
        if self.status != JobStatus.DONE:
            return super().outcome
        if self.phase == ImportPhase.COMMITTED:
            return _("Imported %(residents)s residents; %(households)s new households.") % {
                "residents": self.residents_created,
                "households": self.households_created,
            }
        if self.error_count:
            return ngettext(
                "%(rows)s rows checked: %(bad)s row has a problem.",
                "%(rows)s rows checked: %(bad)s rows have problems.",
                self.bad_row_count,
            ) % {"rows": self.row_count, "bad": self.bad_row_count}
        return ngettext(
            "The %(shown)s row is fine.", "All %(shown)s rows are fine.", self.row_count
        ) % {"shown": self.row_count}

    @property
    def is_checked_clean(self) -> bool:
        """The dry run has finished and found nothing wrong: the rows may be imported."""
        return (
            self.phase == ImportPhase.CHECKED
            and self.status == JobStatus.DONE
            and self.error_count == 0
            and self.row_count > 0
        )

    @property
    def bad_row_count(self) -> int:
        return len({error["row"] for error in self.errors})

    @property
    def state(self) -> str:
        """One label for the list: the phase and how its run went."""
        if self.status == JobStatus.FAILED:
            if self.phase == ImportPhase.COMMIT:
                return _("Import failed, nothing imported")
            return _("Check failed")
        if self.phase == ImportPhase.CHECKED:
            return _("Problems found") if self.error_count else _("Ready to import")
        return self.get_phase_display()
