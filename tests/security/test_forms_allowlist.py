"""Mass assignment (WSTG-INPV-20, ASVS 5.0 15.3.3): every ModelForm lists the fields it binds.

``fields = "__all__"`` or ``Meta.exclude`` would let a new model field (a community, a role,
a status) become bindable from a POST without anyone deciding it should be.
"""

import importlib
import pkgutil

from django import forms

from portal.registry.models import Resident

# The project's own packages: the shared kernel and one app per chapter of the work plans.
PROJECT_PACKAGES = ["portal", "assistance", "eldercare", "health", "partywork", "education"]


def _import_form_modules() -> list[str]:
    """Import every module named ``forms`` (or inside a ``forms`` package) of the project."""
    imported = []
    for package_name in PROJECT_PACKAGES:
        package = importlib.import_module(package_name)
        for module in pkgutil.walk_packages(package.__path__, f"{package_name}."):
            if "forms" in module.name.split("."):
                importlib.import_module(module.name)
                imported.append(module.name)
    return imported


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def project_model_forms() -> list[type[forms.ModelForm]]:
    """ModelForms defined in the project, wherever they live (forms.py, views, admin)."""
    _import_form_modules()
    return sorted(
        (
            form
            for form in _subclasses(forms.ModelForm)
            if form.__module__.split(".")[0] in PROJECT_PACKAGES and form._meta.model
        ),
        key=lambda form: f"{form.__module__}.{form.__qualname__}",
    )


def binding_problems(form: type[forms.ModelForm]) -> list[str]:
    name = f"{form.__module__}.{form.__qualname__}"
    problems = []
    meta = getattr(form, "Meta", None)
    # ModelFormMetaclass turns "__all__" into fields=None; the Meta class keeps the string.
    if getattr(meta, "fields", None) == forms.ALL_FIELDS or form._meta.fields is None:
        problems.append(f'{name} binds fields="__all__" (or no list at all)')
    if getattr(meta, "exclude", None) or form._meta.exclude:
        problems.append(f"{name} uses Meta.exclude instead of a list of fields")
    return problems


def test_the_checker_catches_all_fields_and_exclude():
    class Everything(forms.ModelForm):
        class Meta:
            model = Resident
            fields = "__all__"  # noqa: DJ007 (the mistake the checker must catch)

    class AllButOne(forms.ModelForm):
        class Meta:
            model = Resident
            exclude = ["tags"]  # noqa: DJ006 (same)

    class Listed(forms.ModelForm):
        class Meta:
            model = Resident
            fields = ["name"]

    assert len(binding_problems(Everything)) == 1
    assert len(binding_problems(AllButOne)) == 2  # exclude alone also means "all the rest"
    assert binding_problems(Listed) == []


def test_the_walk_finds_the_project_form_modules():
    modules = _import_form_modules()
    assert "portal.accounts.forms" in modules
    assert all(name.split(".")[0] in PROJECT_PACKAGES for name in modules)


def test_no_model_form_binds_fields_it_does_not_list():
    problems = [problem for form in project_model_forms() for problem in binding_problems(form)]
    assert not problems, "\n".join(["", *problems])
