"""Placeholder until the pages are written (this session)."""

from django.http import HttpResponse


def roster_request(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def standard_list(request, pk=None) -> HttpResponse:
    raise NotImplementedError
