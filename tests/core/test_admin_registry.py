"""Administrators reach every model of the portal through the Django admin."""

from django.apps import apps
from django.contrib import admin

PORTAL_APPS = {
    "core",
    "accounts",
    "registry",
    "guide",
    "notices",
    "events",
    "notifications",
    "reports",
    "assistance",
}


def test_every_portal_model_has_an_admin():
    inline_models = {
        inline.model
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    }
    missing = [
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in PORTAL_APPS
        and not model._meta.label.split(".")[1].startswith("Historical")
        and not model._meta.auto_created
        and not admin.site.is_registered(model)
        and model not in inline_models  # edited inside its parent's page
    ]
    assert not missing, f"models without an admin: {missing}"
