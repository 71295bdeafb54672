"""Users, their roles and the community each community-level role is bound to."""

import datetime as dt

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SUBDISTRICT_STAFF = "subdistrict_staff", _("Sub-district staff")
    COMMUNITY_STAFF = "community_staff", _("Community staff")
    FAMILY_DOCTOR = "family_doctor", _("Family doctor")
    CARE_STATION_OPERATOR = "care_station_operator", _("Care-station operator")
    COURSE_COORDINATOR = "course_coordinator", _("Course coordinator")
    PARTY_SECRETARY = "party_secretary", _("Party/League secretary")
    ADMINISTRATOR = "administrator", _("Administrator")
    RESIDENT = "resident", _("Resident")


# Roles that see every community of the sub-district.
SUBDISTRICT_ROLES = frozenset({Role.SUBDISTRICT_STAFF, Role.COURSE_COORDINATOR, Role.ADMINISTRATOR})
# Roles bound to one community: they see that community's records only.
COMMUNITY_ROLES = frozenset(
    {
        Role.COMMUNITY_STAFF,
        Role.FAMILY_DOCTOR,
        Role.CARE_STATION_OPERATOR,
        Role.PARTY_SECRETARY,
    }
)
STAFF_ROLES = SUBDISTRICT_ROLES | COMMUNITY_ROLES
# Roles that register and correct residents and households.
REGISTRY_EDITOR_ROLES = frozenset(
    {Role.SUBDISTRICT_STAFF, Role.COMMUNITY_STAFF, Role.ADMINISTRATOR}
)
# Roles that write and publish notices (公告/公示/新闻) for their scope.
NOTICE_EDITOR_ROLES = frozenset(
    {Role.SUBDISTRICT_STAFF, Role.COMMUNITY_STAFF, Role.PARTY_SECRETARY, Role.ADMINISTRATOR}
)
# Roles that must verify identity and so may see full ID and phone numbers; every
# unmasked view is written to the access log.
FULL_IDENTITY_ROLES = frozenset({Role.SUBDISTRICT_STAFF, Role.COMMUNITY_STAFF})


class User(AbstractUser):
    """A person who logs in: staff with a role (and a community for community roles) or a
    resident. Residents never reach the staff area."""

    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.RESIDENT)
    community = models.ForeignKey(
        "registry.Community",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_users",
        help_text=_("Community-level roles see this community only."),
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    resident = models.OneToOneField(
        "registry.Resident",
        verbose_name=_("registry record"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="account",
        help_text=_("For resident accounts: the person in the registry, once verified."),
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def clean(self) -> None:
        super().clean()
        if self.role in COMMUNITY_ROLES and not self.community_id:
            raise ValidationError({"community": _("This role needs a community.")})
        if self.role not in COMMUNITY_ROLES and self.community_id:
            raise ValidationError(
                {"community": _("Only community-level roles belong to a community.")}
            )

    def save(self, *args, **kwargs) -> None:
        # Django admin access follows the role: administrators (and superusers) only.
        self.is_staff = self.is_superuser or self.role == Role.ADMINISTRATOR
        super().save(*args, **kwargs)

    @property
    def is_portal_staff(self) -> bool:
        """Whether this user may enter the staff area at all."""
        return self.is_active and (self.is_superuser or self.role in STAFF_ROLES)

    @property
    def sees_all_communities(self) -> bool:
        return self.is_active and (self.is_superuser or self.role in SUBDISTRICT_ROLES)

    @property
    def can_edit_registry(self) -> bool:
        return self.is_active and (self.is_superuser or self.role in REGISTRY_EDITOR_ROLES)

    @property
    def can_edit_notices(self) -> bool:
        return self.is_active and (self.is_superuser or self.role in NOTICE_EDITOR_ROLES)

    @property
    def can_see_full_identity(self) -> bool:
        return self.is_active and self.role in FULL_IDENTITY_ROLES


class IdentityLinkAttemptQuerySet(models.QuerySet):
    def failures_since(self, since: "dt.datetime") -> "IdentityLinkAttemptQuerySet":
        return self.filter(succeeded=False, created_at__gte=since)


class IdentityLinkAttempt(models.Model):
    """One try at linking a resident account to the registry (name + ID number).

    Kept to rate-limit guessing and as the record the security log points to; the ID
    number typed is never stored.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="link_attempts"
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    #: A keyed hash of the ID number tried (never the number), to limit guesses at one
    #: identity from many accounts.
    identity_digest = models.CharField(
        _("identity tried (keyed hash)"), max_length=64, blank=True, db_index=True
    )
    succeeded = models.BooleanField(_("succeeded"), default=False)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    objects = IdentityLinkAttemptQuerySet.as_manager()

    class Meta:
        verbose_name = _("identity check")
        verbose_name_plural = _("identity checks")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        outcome = "ok" if self.succeeded else "failed"
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M} {outcome}"


class PhoneCodePurpose(models.TextChoices):
    REGISTER = "register", _("Registration")
    RESET = "reset", _("Password reset")
    LINK = "link", _("Identity check")


class PhoneCode(models.Model):
    """A six-digit code sent by text message to prove a mobile number is one's own (to
    register, to reset a password, to link an account to the registry record holding
    that number). Only a keyed hash of the code is kept; it expires after
    ``PHONE_CODE_VALIDITY`` and takes ``PHONE_CODE_MAX_TRIES`` wrong guesses."""

    phone = models.CharField(_("mobile number"), max_length=20, db_index=True)
    purpose = models.CharField(_("purpose"), max_length=10, choices=PhoneCodePurpose.choices)
    code_digest = models.CharField(_("code (keyed hash)"), max_length=64)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    tries = models.PositiveSmallIntegerField(_("wrong tries"), default=0)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("text-message code")
        verbose_name_plural = _("text-message codes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.created_at:%Y-%m-%d %H:%M}"
