"""Placeholder until the pages are written (this session)."""

from django.http import HttpResponse


def allocation_create(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def application_create(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def application_detail(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def application_list(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def application_step(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def application_survey(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def batch_confirm(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def charity_public(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def claim_create(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def claim_decide(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def claim_detail(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def claim_list(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def donation_create(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def donation_detail(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def donation_list(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def donor_create(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def donor_detail(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def donor_list(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def fund_list(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def my_applications(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def objection_answer(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def review_list(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def roster_request(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def standard_list(request, pk=None) -> HttpResponse:
    raise NotImplementedError


def temporary_request(request, pk=None) -> HttpResponse:
    raise NotImplementedError
