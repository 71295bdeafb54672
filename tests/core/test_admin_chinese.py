"""The administration reads in Chinese: the portal's name as its header, django-axes'
models and columns, the identity checks, every verbose name of the portal's models."""

import pytest
from django.apps import apps
from django.utils.functional import Promise

pytestmark = [pytest.mark.django_db, pytest.mark.zh_catalogue]

PORTAL_MODULES = ("portal.", "assistance.")


def test_the_admin_is_the_portals(client, admin_user):
    client.force_login(admin_user)
    index = client.get("/admin/").text
    assert "社区服务门户" in index and "Django 管理" not in index
    assert "favicon.svg" in index
    assert "登录尝试" in index  # axes' models


def test_axes_and_identity_checks_in_chinese(client, admin_user):
    client.force_login(admin_user)
    attempts = client.get("/admin/axes/accessattempt/").text
    assert "尝试时间" in attempts and "Attempt Time" not in attempts
    from portal.accounts.models import IdentityLinkAttempt

    IdentityLinkAttempt.objects.create(user=admin_user, ip_address="127.0.0.1")
    checks = client.get("/admin/accounts/identitylinkattempt/").text
    for word in ("IP地址", "是否成功", "时间"):
        assert word in checks
    for english in ("IP ADDRESS", "Succeeded", "以 succeeded", "Created at"):
        assert english not in checks


def test_third_party_pages_say_their_names_in_chinese(client, admin_user):
    """django-axes' app has no name of its own and django-celery-beat names its task
    column with a plain string: the admin says both in Chinese."""
    client.force_login(admin_user)
    index = client.get("/admin/").text
    assert "登录锁定" in index and ">Axes<" not in index
    tasks = client.get("/admin/django_celery_beat/periodictask/").text
    assert "任务名称" in tasks and "Task Name" not in tasks


def test_every_field_of_the_portals_models_has_a_translatable_name():
    plain = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith(PORTAL_MODULES)
        and not model.__name__.startswith("Historical")
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False)
        and not field.auto_created
        and not isinstance(field.verbose_name, Promise)
    ]
    assert not plain, f"verbose_name not wrapped in gettext: {plain}"


def test_permission_names_are_chinese():
    from django.contrib.auth.models import Permission

    from portal.core.permissions import translate_permission_names

    # Names as Django writes them (English), put right after each migrate.
    Permission.objects.filter(codename="add_event").update(name="Can add event")
    translate_permission_names()
    assert Permission.objects.get(codename="add_event").name == "可以添加活动"
    assert Permission.objects.get(codename="view_registration").name == "可以查看报名"
    assert not Permission.objects.filter(name__startswith="Can ").exists()
