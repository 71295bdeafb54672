"""The service guide (办事指南): one entry per service a resident can ask for, with who may
apply, what to bring, the steps, the fee, where and when, and whom to call.

Entries are public: every visitor reads every entry, including those temporarily closed
(shown with a badge and the reason). Only sub-district roles edit them.
"""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.guide.querysets import ServiceEntryQuerySet

# Lower-case ASCII words joined by single hyphens: the entry's address, e.g. /services/dibao/.
slug_validator = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    _("Use lower-case letters, digits and single hyphens only, for example dibao-bianyuan."),
    code="invalid_slug",
)

# A phone number inside free text: area code and number ("0574-88120011"), a mobile number,
# or a short hotline ("12345"). Hyphens and spaces between the digits are allowed.
_PHONE_NUMBER = re.compile(r"(?<![\d-])(?:\+?\d[\d -]{3,18}\d)(?![\d-])")
_MIN_PHONE_DIGITS = 5


def validate_portal_path(value: str) -> None:
    """An address inside the portal ("/assistance/apply/"): never another site or a script."""
    parts = urlsplit(value)
    if (
        not value.startswith("/")
        or value.startswith("//")
        or parts.scheme
        or parts.netloc
        or any(c.isspace() for c in value)
    ):
        raise ValidationError(
            _("Enter an address inside the portal that starts with /, for example /health/."),
            code="not_a_portal_path",
        )
    try:
        resolve(parts.path)
    except Resolver404:
        raise ValidationError(
            _("No page of the portal has this address."), code="unknown_portal_path"
        ) from None


class Category(models.TextChoices):
    """The sections of the guide, in the order the list page shows them."""

    SOCIAL_ASSISTANCE = "social_assistance", _("Social assistance")
    ELDER_CARE = "elder_care", _("Elder care")
    HEALTH = "health", _("Health")
    PARTY_LEAGUE = "party_league", _("Party and Youth League")
    EDUCATION = "education", _("Community education")
    COMMUNITY = "community", _("Community affairs")


class PortalApp(models.TextChoices):
    """The part of the portal that handles the service (and may fill ``online_path``)."""

    ASSISTANCE = "assistance", _("Social assistance app")
    ELDERCARE = "eldercare", _("Elder-care app")
    HEALTH = "health", _("Health app")
    PARTYWORK = "partywork", _("Party and League app")
    EDUCATION = "education", _("Education app")
    PORTAL = "portal", _("Portal (shared)")


class Status(models.TextChoices):
    ACTIVE = "active", _("Open for applications")
    CLOSED = "closed", _("Temporarily closed")


class ServiceEntry(models.Model):
    """One service of the guide, written for a resident standing at the counter."""

    slug = models.CharField(
        _("address code"),
        max_length=80,
        unique=True,
        validators=[slug_validator],
        help_text=_(
            "The end of the page address, for example dibao for /services/dibao/. "
            "Changing it breaks links that residents have saved."
        ),
        error_messages={"unique": _("Another service already uses this address code.")},
    )
    title = models.CharField(_("service name"), max_length=100)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    app = models.CharField(
        _("portal app"),
        max_length=20,
        choices=PortalApp.choices,
        default=PortalApp.PORTAL,
        help_text=_("The part of the portal that handles this service."),
    )
    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("One or two sentences: what the service is.")
    )
    eligibility = models.TextField(_("who can apply"))
    materials = models.TextField(
        _("materials to bring"), blank=True, help_text=_("One item per line.")
    )
    steps = models.TextField(_("steps"), blank=True, help_text=_("One step per line, in order."))
    fee = models.CharField(_("fee"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=200)
    opening_hours = models.CharField(_("opening hours"), max_length=200)
    contact = models.CharField(
        _("contact phone"),
        max_length=100,
        blank=True,
        help_text=_("Phone numbers in this text become call buttons."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    status_note = models.CharField(
        _("status note"),
        max_length=200,
        blank=True,
        help_text=_("When temporarily closed: why, and until when."),
    )
    keywords = models.CharField(
        _("search keywords"),
        max_length=300,
        blank=True,
        help_text=_(
            "Other words residents use for this service, for example 最低生活保障 for 低保."
        ),
    )
    online_path = models.CharField(
        _("online application address"),
        max_length=200,
        blank=True,
        validators=[validate_portal_path],
        help_text=_("An address inside the portal where residents can apply online, if any."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("sort order"), default=0, help_text=_("Smaller numbers come first in their category.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ServiceEntryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service guide entry")
        verbose_name_plural = _("service guide entries")
        ordering = ["sort_order", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # Normalise only; validation belongs to full_clean() and the forms.
        self.slug = self.slug.strip().lower()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("guide:service-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.status == Status.CLOSED and not self.status_note.strip():
            raise ValidationError(
                {"status_note": _("Say why the service is closed and until when.")}
            )

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED

    @property
    def can_apply_online(self) -> bool:
        return bool(self.online_path) and not self.is_closed

    def material_list(self) -> list[str]:
        """The materials to bring, one per non-blank line."""
        return _lines(self.materials)

    def step_list(self) -> list[str]:
        """The steps in order, one per non-blank line."""
        return _lines(self.steps)

    def contact_parts(self) -> list[tuple[str, str]]:
        """``contact`` cut into pieces of text, each with the digits to dial when it is a
        phone number ("" otherwise), so that a page can link the numbers with ``tel:``."""
        parts: list[tuple[str, str]] = []
        position = 0
        for match in _PHONE_NUMBER.finditer(self.contact):
            shown = match.group()
            digits = ("+" if shown.startswith("+") else "") + re.sub(r"\D", "", shown)
            if len(digits.lstrip("+")) < _MIN_PHONE_DIGITS:
                continue
            if match.start() > position:
                parts.append((self.contact[position : match.start()], ""))
            parts.append((shown, digits))
            position = match.end()
        if position < len(self.contact):
            parts.append((self.contact[position:], ""))
        return parts

    def phone_numbers(self) -> list[tuple[str, str]]:
        """Each phone number in ``contact``: (as written, digits for a ``tel:`` link)."""
        return [(shown, digits) for shown, digits in self.contact_parts() if digits]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
