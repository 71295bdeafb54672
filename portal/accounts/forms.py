from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Layout, Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordMixin, UserCreationForm
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Role, User
from portal.accounts.passwords import password_help_text
from portal.registry import idnumbers


def code_field() -> forms.CharField:
    return forms.CharField(
        label=_("Code from the text message"),
        max_length=6,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": 6}
        ),
        help_text=_("Press “Send me a code” first; the code comes to your phone."),
    )


def send_code_button() -> HTML:
    """The "Send me a code" button, a second submit of the same form (``send_code``)."""
    label = _("Send me a code")
    return HTML(
        '<button type="submit" name="send_code" value="1" formnovalidate '
        f'class="btn btn-outline-primary mb-3" id="send-code">{label}</button>'
    )


def clean_mobile(value: str) -> str:
    phone = idnumbers.normalize_phone(value)
    if not idnumbers.is_mobile(phone):
        raise ValidationError(
            _("Enter a mainland mobile number of 11 digits, such as 13812345678.")
        )
    return phone


class LoginForm(AuthenticationForm):
    """Residents log in with their mobile number, staff with their user name."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Mobile number")
        self.fields["username"].help_text = _("Staff: your user name.")
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Log in"), css_class="btn-lg w-100"))


PASSWORD_FIELD = "password1"  # noqa: S105 - a field name


class PasswordFieldsMixin:
    """Password errors under the password field (not under the confirmation), with the
    portal's help text."""

    def validate_password_for_user(self, user: Any, **kwargs: Any) -> None:
        kwargs["password_field_name"] = PASSWORD_FIELD
        super().validate_password_for_user(user, **kwargs)

    def _password_widgets(self) -> None:
        for name in ("password1", "password2"):
            self.fields[name].widget.attrs["autocomplete"] = "new-password"
        self.fields["password1"].help_text = password_help_text()
        self.fields["password2"].help_text = _("Type the same password again.")


class ResidentSignUpForm(PasswordFieldsMixin, UserCreationForm):
    """A resident account: the mobile number is the user name (what elderly residents
    remember), the code sent to it, a password, and consent to how their data is used
    (PIPL art. 14). The view checks the code."""

    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    code = code_field()
    consent = forms.BooleanField(
        label=_(
            "I agree that the portal keeps my mobile number and, once I confirm who I am, "
            "links my account to my record in the community registry, to handle my "
            "sign-ups and bookings."
        ),
    )

    class Meta:
        model = User
        fields = ("phone",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["phone", "code", "password1", "password2", "consent"])
        self._password_widgets()
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template adds the ``next`` field
        self.helper.layout = Layout(
            "phone", send_code_button(), "code", "password1", "password2", "consent"
        )
        self.helper.add_input(Submit("submit", _("Create my account"), css_class="btn-lg w-100"))

    def clean_code(self) -> str:
        code = (self.cleaned_data.get("code") or "").strip()
        if not code:
            raise ValidationError(_("Type the code from the text message."))
        return code

    def clean_phone(self) -> str:
        phone = clean_mobile(self.cleaned_data["phone"])
        if User.objects.filter(Q(username=phone) | Q(phone=phone)).exists():
            raise ValidationError(
                _("This mobile number already has an account. Please log in instead.")
            )
        return phone

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        user.username = user.phone = self.cleaned_data["phone"]
        user.role = Role.RESIDENT
        if commit:
            user.save()
        return user


class IdentityLinkForm(forms.Form):
    """Name and ID number, checked against the registry by ``services.resident_link``."""

    name = forms.CharField(label=_("Name"), max_length=50)
    id_number = forms.CharField(
        label=_("ID number"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("The 18 characters on your resident identity card."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template adds the ``next`` field
        self.helper.add_input(Submit("submit", _("Confirm"), css_class="btn-lg w-100"))

    def clean_name(self) -> str:
        return "".join(self.cleaned_data["name"].split())

    def clean_id_number(self) -> str:
        return idnumbers.parse_id_number(self.cleaned_data["id_number"]).number


class PhoneOnlyForm(forms.Form):
    """The mobile number alone, for the "Send me a code" button."""

    phone = forms.CharField(max_length=20)

    def clean_phone(self) -> str:
        return clean_mobile(self.cleaned_data["phone"])


class PasswordResetByCodeForm(PasswordFieldsMixin, SetPasswordMixin, forms.Form):
    """忘记密码: the mobile number, the code sent to it and a new password. The view
    checks the code; the password is checked against the account of the number."""

    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    code = code_field()
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("New password"), label2=_("New password again")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._password_widgets()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout("phone", send_code_button(), "code", "password1", "password2")
        self.helper.add_input(Submit("submit", _("Set the new password"), css_class="btn-lg w-100"))

    def clean_phone(self) -> str:
        return clean_mobile(self.cleaned_data["phone"])

    def clean_code(self) -> str:
        code = (self.cleaned_data.get("code") or "").strip()
        if not code:
            raise ValidationError(_("Type the code from the text message."))
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.validate_passwords()
        from portal.accounts.services import resident_account

        phone = data.get("phone")
        user = (resident_account(phone) if phone else None) or User(
            username=phone or "", phone=phone or "", role=Role.RESIDENT
        )
        self.validate_password_for_user(user)
        return data


class IdentityCodeForm(forms.Form):
    """Step 2 of the identity check: the code sent to the mobile number on record."""

    code = code_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].required = True
        self.fields["code"].help_text = _(
            "We sent it to the mobile number recorded with your registry entry."
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("submit", _("Confirm"), css_class="btn-lg w-100"))
