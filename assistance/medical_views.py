"""Placeholder until the pages are written (this session)."""

from django.http import HttpResponse


def claim_create(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def claim_decide(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def claim_detail(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def claim_list(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def fund_list(request, pk=None) -> HttpResponse:
    raise NotImplementedError
