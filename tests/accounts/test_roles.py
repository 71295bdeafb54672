import pytest
from django.core.exceptions import ValidationError

from portal.accounts.models import Role
from tests.factories import UserFactory


def test_community_roles_need_a_community(db):
    user = UserFactory.build(role=Role.FAMILY_DOCTOR, community=None)
    with pytest.raises(ValidationError) as error:
        user.full_clean(exclude=["password"])
    assert "community" in error.value.message_dict


def test_subdistrict_roles_have_no_community(community_a):
    user = UserFactory.build(role=Role.SUBDISTRICT_STAFF, community=community_a)
    with pytest.raises(ValidationError) as error:
        user.full_clean(exclude=["password"])
    assert "community" in error.value.message_dict


def test_django_admin_access_follows_the_role(community_a):
    administrator = UserFactory(role=Role.ADMINISTRATOR)
    staff = UserFactory(role=Role.COMMUNITY_STAFF, community=community_a, is_staff=True)
    assert administrator.is_staff
    assert not staff.is_staff  # is_staff is derived, never set by hand


def test_role_capabilities(staff_a, doctor_a, subdistrict_user, resident_user):
    assert staff_a.is_portal_staff and staff_a.can_edit_registry and staff_a.can_see_full_identity
    assert doctor_a.is_portal_staff and not doctor_a.can_edit_registry
    assert not doctor_a.can_see_full_identity
    assert subdistrict_user.sees_all_communities and not staff_a.sees_all_communities
    assert not resident_user.is_portal_staff


def test_inactive_staff_lose_everything(staff_a):
    staff_a.is_active = False
    assert not staff_a.is_portal_staff
    assert not staff_a.can_see_full_identity
