from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Role, User
from portal.registry import idnumbers


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Log in"), css_class="btn-lg w-100"))


class ResidentSignUpForm(UserCreationForm):
    """A resident account: the mobile number is the user name (what elderly residents
    remember), a password, and consent to how their data is used (PIPL art. 14)."""

    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
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
        for name in ("password1", "password2"):
            self.fields[name].widget.attrs["autocomplete"] = "new-password"
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template adds the ``next`` field
        self.helper.add_input(Submit("submit", _("Create my account"), css_class="btn-lg w-100"))

    def clean_phone(self) -> str:
        phone = idnumbers.normalize_phone(self.cleaned_data["phone"])
        if not idnumbers.is_mobile(phone):
            raise ValidationError(
                _("Enter a mainland mobile number of 11 digits, such as 13812345678.")
            )
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
    """Name and ID number, checked against the registry by ``services.link_resident``."""

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
