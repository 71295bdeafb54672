"""The channel preferences form: only channels the account can receive are offered."""

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.notifications.models import Channel, ChannelPreference, receivable_channels
from portal.registry.masking import mask_phone


class ChannelPreferenceForm(forms.ModelForm):
    """E-mail and text messages besides the inbox, which is always on."""

    class Meta:
        model = ChannelPreference
        fields = ["email", "sms"]
        labels = {
            "email": _("Also send my messages by e-mail"),
            "sms": _("Also send my messages by text message"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.instance.user
        receivable = receivable_channels(user)
        for channel in (Channel.EMAIL, Channel.SMS):
            if channel not in receivable:
                del self.fields[channel]
        if "email" in self.fields:
            self.fields["email"].help_text = gettext("To %(address)s") % {"address": user.email}
        if "sms" in self.fields:
            self.fields["sms"].help_text = gettext("To %(number)s") % {
                "number": mask_phone(user.phone)
            }
        self.helper = FormHelper()
        self.helper.form_id = "channel-form"
        self.helper.add_input(Submit("save", _("Save"), css_class="btn-lg"))

    def unavailable(self) -> list[str]:
        """Why a channel is not offered, one line each."""
        reasons = {
            Channel.EMAIL: _("E-mail is not offered because your account has no e-mail address."),
            Channel.SMS: _(
                "Text messages are not offered because your account has no mobile number."
            ),
        }
        return [reasons[channel] for channel in reasons if channel not in self.fields]
