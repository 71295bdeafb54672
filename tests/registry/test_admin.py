"""The Django admin masks ID and phone numbers as the portal pages do."""

from django.urls import reverse

from tests.factories import UserFactory


def test_administrators_see_masked_numbers_in_the_resident_admin(client, admin_user, resident_a):
    client.force_login(admin_user)
    change = client.get(reverse("admin:registry_resident_change", args=[resident_a.pk]))
    assert change.status_code == 200
    assert resident_a.id_number not in change.text
    assert resident_a.masked_id_number in change.text
    assert resident_a.phone not in change.text
    listing = client.get(reverse("admin:registry_resident_changelist"))
    assert resident_a.id_number not in listing.text
    assert resident_a.masked_id_number in listing.text


def test_history_shows_changed_numbers_masked_and_versions_stay_closed(
    client, admin_user, resident_a
):
    old_phone = resident_a.phone
    resident_a.phone = "13700001111"
    resident_a.save()
    client.force_login(admin_user)
    history = client.get(reverse("admin:registry_resident_history", args=[resident_a.pk]))
    assert history.status_code == 200
    assert old_phone not in history.text
    assert "13700001111" not in history.text
    assert "137****1111" in history.text
    version = resident_a.history.first()
    form = reverse(
        "admin:registry_resident_simple_history", args=[resident_a.pk, version.history_id]
    )
    assert client.get(form).status_code == 403


def test_administrators_can_still_register_a_resident_with_full_numbers(client, admin_user):
    client.force_login(admin_user)
    add = client.get(reverse("admin:registry_resident_add"))
    assert 'name="id_number"' in add.text


def test_identity_checking_superuser_sees_full_numbers(client, community_a, resident_a):
    # A sub-district staff account that is also a superuser verifies identity.
    user = UserFactory(role="subdistrict_staff", is_superuser=True)
    client.force_login(user)
    change = client.get(reverse("admin:registry_resident_change", args=[resident_a.pk]))
    assert resident_a.id_number in change.text
