"""Confirmation before destructive actions: one question, its consequence spelled out.

A destructive form carries ``data-confirm`` (the question, "确定……？") and
``data-consequence`` (what happens); ``static/js/confirm.js`` asks in a native
``<dialog>`` and, on yes, posts the form with ``confirmed=1``. Without JavaScript the
form posts without it, and the view answers with :func:`confirmation_page` — the same
question on a page of its own whose button re-posts the form confirmed. So nothing
destructive happens on one click, with or without scripts, and no inline script is needed
(the CSP forbids it).
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRMED_FIELD = "confirmed"


def is_confirmed(request: HttpRequest) -> bool:
    return request.POST.get(CONFIRMED_FIELD) == "1"


def confirmation_page(
    request: HttpRequest,
    *,
    question: str,
    consequence: str,
    confirm_label: str,
    back_url: str,
) -> HttpResponse | None:
    """None when the POST was confirmed; otherwise the confirmation page, which posts
    the same fields again to the same address with ``confirmed=1``.

    Any view handling a destructive POST calls this first and returns the page when it
    gets one. Nothing is written before the confirmation."""
    if is_confirmed(request):
        return None
    fields: list[tuple[str, Any]] = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in {"csrfmiddlewaretoken", CONFIRMED_FIELD}
        for value in values
    ]
    return render(
        request,
        "includes/confirm_page.html",
        {
            "question": question,
            "consequence": consequence,
            "confirm_label": confirm_label,
            "back_url": back_url,
            "fields": fields,
            "action": request.path,
        },
    )
