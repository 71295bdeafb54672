"""A resident asks for an elder-care service from the guide's "apply online" page; the
community's staff are told once and mark it handled."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from eldercare.models import ServiceRequest
from eldercare.services.requests import request_handle, request_submit
from portal.accounts.models import Role
from portal.notifications.models import Notification
from tests.conftest import client_for
from tests.eldercare.conftest import elder
from tests.factories import ResidentFactory, UserFactory


@pytest.fixture
def family(community_a):
    grandma = elder(community_a, dt.date(1942, 8, 8), name="林奶奶")
    son = ResidentFactory(
        community=community_a, household=grandma.household, relation_to_head="child", name="林先生"
    )
    account = UserFactory(username="linxs", role=Role.RESIDENT, resident=son)
    return grandma, son, account


@pytest.mark.django_db
def test_a_son_asks_for_his_mother_and_staff_handle_it(client, family, staff_a, staff_b):
    grandma, _son, account = family
    client_for(client, account)
    page = client.get(reverse("eldercare:apply") + "?kind=device").content.decode()
    assert "林奶奶" in page
    response = client.post(
        reverse("eldercare:apply"), {"kind": "device", "elder": grandma.pk, "note": "独居"}
    )
    assert response.status_code == 302
    request = ServiceRequest.objects.unscoped().get()
    assert Notification.objects.filter(recipient=staff_a, kind="eldercare_request").count() == 1
    assert not Notification.objects.filter(recipient=staff_b).exists()
    again = client.post(reverse("eldercare:apply"), {"kind": "device", "elder": grandma.pk})
    assert again.status_code == 200 and ServiceRequest.objects.unscoped().count() == 1
    client_for(client, staff_b)
    assert client.post(reverse("eldercare:request-handle", args=[request.pk])).status_code == 404
    client_for(client, staff_a)
    assert "林奶奶" in client.get(reverse("eldercare:request-list")).content.decode()
    client.post(reverse("eldercare:request-handle", args=[request.pk]))
    request.refresh_from_db()
    assert request.handled_by == staff_a
    with pytest.raises(ValidationError) as caught:
        request_handle(request=request, by=staff_a)
    assert caught.value.code == "handled"


@pytest.mark.django_db
def test_request_refusals(family, community_a, resident_user):
    grandma, son, account = family
    stranger = elder(community_a, dt.date(1940, 1, 1), name="别家老人")
    cases = [
        (resident_user, grandma, "device", "not_linked"),
        (account, stranger, "device", "not_household"),
        (account, grandma, "taxi", "kind"),
        (account, son, "device", "not_elderly"),
    ]
    for user, person, kind, code in cases:
        with pytest.raises(ValidationError) as caught:
            request_submit(user=user, elder=person, kind=kind)
        assert caught.value.code == code
    request_submit(user=account, elder=grandma, kind="allowance")
    with pytest.raises(ValidationError) as caught:
        request_submit(user=account, elder=grandma, kind="allowance")
    assert caught.value.code == "duplicate"
