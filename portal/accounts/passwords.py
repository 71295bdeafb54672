"""Password rules in the portal's words (Chinese through the catalogue, each message
attached to the password field): residents need 8 characters, staff 12; never the mobile
number; never a common password (Django's list)."""

from typing import Any

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class RoleMinimumLengthValidator:
    """At least ``resident`` characters for residents, ``staff`` for everyone else."""

    def __init__(self, resident: int = 8, staff: int = 12) -> None:
        self.resident, self.staff = resident, staff

    def _minimum(self, user: Any) -> int:
        if user is not None and getattr(user, "is_portal_staff", False):
            return self.staff
        if user is not None and getattr(user, "is_superuser", False):
            return self.staff
        return self.resident

    def validate(self, password: str, user: Any = None) -> None:
        minimum = self._minimum(user)
        if len(password) < minimum:
            raise ValidationError(
                _("The password needs at least %(minimum)d characters.") % {"minimum": minimum},
                code="password_too_short",
            )

    def get_help_text(self) -> str:
        return _("At least %(minimum)d characters.") % {"minimum": self.resident}


class PhoneNumberPasswordValidator:
    """Refuses a password equal to or containing the user's mobile number."""

    def validate(self, password: str, user: Any = None) -> None:
        numbers = {getattr(user, "phone", ""), getattr(user, "username", "")}
        digits = "".join(ch for ch in password if ch.isdigit())
        for number in filter(None, numbers):
            if len(number) >= 7 and number.isdigit() and (number in password or number in digits):
                raise ValidationError(
                    _("The password may not contain your mobile number."),
                    code="password_has_phone",
                )

    def get_help_text(self) -> str:
        return _("Not your mobile number.")


class PortalCommonPasswordValidator(CommonPasswordValidator):
    def validate(self, password: str, user: Any = None) -> None:
        try:
            super().validate(password, user)
        except ValidationError:
            raise ValidationError(
                _("This password is too common; choose one that is harder to guess."),
                code="password_too_common",
            ) from None

    def get_help_text(self) -> str:
        return _("Not a common password.")


class PortalNumericPasswordValidator:
    def validate(self, password: str, user: Any = None) -> None:
        if password.isdigit():
            raise ValidationError(
                _("The password cannot be digits only; add letters."),
                code="password_entirely_numeric",
            )

    def get_help_text(self) -> str:
        return _("Not digits only.")


def password_help_text() -> str:
    """One sentence for the form, in the site's voice (您)."""
    return _(
        "At least 8 characters, not digits only, not a common password and not your "
        "mobile number. Please keep your password to yourself."
    )
