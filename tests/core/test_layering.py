"""The import contracts of ``[tool.importlinter]`` (pyproject.toml) hold, and a
wrong-way import breaks each: the kernel imports no chapter app, the kernel's layers hold
with ``portal.core`` at the bottom, no chapter app imports another, and inside assistance
the models import neither the rules nor anything above them."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = ("portal", "assistance", "eldercare", "health", "partywork", "education")


def lint_imports(directory: Path) -> subprocess.CompletedProcess:
    """``lint-imports`` run in ``directory`` against its own pyproject.toml, no cache."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-logo", "--no-cache"],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_contracts_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 4 kept, 0 broken." in result.stdout


def test_wrong_way_imports_break_each_contract(tmp_path):
    # A copy of the source (Python files only) with a wrong-way module for each contract.
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=lambda folder, names: [
                n for n in names if not n.endswith(".py") and not (Path(folder) / n).is_dir()
            ],
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "portal/core/wrong_way.py").write_text("from portal.registry import models\n")
    (tmp_path / "portal/events/wrong_way.py").write_text("import assistance.models\n")
    (tmp_path / "assistance/wrong_way.py").write_text("import eldercare.apps\n")
    (tmp_path / "assistance/models/wrong_way.py").write_text("from assistance import rules\n")

    result = lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert "Contracts: 0 kept, 4 broken." in out
    assert "portal.core is not allowed to import portal.registry:" in out
    assert "portal.core.wrong_way -> portal.registry.models (l.1)" in out
    assert "portal.events.wrong_way -> assistance.models (l.1)" in out
    assert "assistance is not allowed to import eldercare:" in out
    assert "assistance.wrong_way -> eldercare.apps (l.1)" in out
    assert "assistance.models is not allowed to import assistance.rules:" in out
    assert "assistance.models.wrong_way -> assistance.rules (l.1)" in out
