"""The pages of the elder-care app, one module per area."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from portal.core.forms import add_service_error


def form_page(
    request: HttpRequest,
    form: Any,
    template: str,
    context: dict[str, Any],
    action: Callable[[dict[str, Any]], Any],
    *,
    done: Callable[[Any], str],
    message: str,
    fields: dict[str, str] | None = None,
) -> HttpResponse:
    """The shape of every form page: a valid form calls one service; its refusal shows
    beside the field its code names (or above the form)."""
    if request.method == "POST" and form.is_valid():
        try:
            result = action(form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error, fields or {})
        else:
            messages.success(request, message)
            return redirect(done(result))
    return render(request, template, {**context, "form": form})
