"""The events admin: a sign-up's history stays readable after its event is deleted."""

from django.urls import reverse

from portal.events.models import Registration
from tests.events.factories import EventFactory


def test_the_history_of_a_sign_up_whose_event_was_deleted_opens(
    client, admin_user, community_a, resident_a
):
    event = EventFactory(community=community_a)
    registration = Registration.objects.create(event=event, resident=resident_a, status="confirmed")
    pk = registration.pk
    event.delete()  # the sign-up goes with it; its history rows stay
    client.force_login(admin_user)

    response = client.get(reverse("admin:events_registration_history", args=[pk]))

    assert response.status_code == 200
    assert resident_a.name in response.text
