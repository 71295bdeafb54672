"""Forms of the elder-care pages, one module per area. Forms check input; the services
check the rules."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit


def submit_helper(label: str) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("save", label, css_class="btn-lg px-4"))
    return helper
