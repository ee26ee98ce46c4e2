"""Architectural rules a linter does not express, checked on the source tree."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import bryggan

PACKAGE = Path(bryggan.__file__).parent
PURE_PACKAGES = [
    "calculation",
    "norms",
    "core/money.py",
    "core/month.py",
    "core/calendar.py",
    "reporting/codes.py",
    "reporting/rules.py",
    "reporting/fileformat.py",
    "audit/chain.py",
    "placements/rules.py",
]
CASE_APPS = {
    "accounts",
    "audit",
    "people",
    "intake",
    "decisions",
    "payments",
    "planning",
    "activities",
    "cooperation",
    "followup",
    "portal",
    "api",
    "demo",
}


def _python_files(relative: str) -> list[Path]:
    target = PACKAGE / relative
    if target.is_file():
        return [target]
    return sorted(target.rglob("*.py")) if target.exists() else []


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("relative", PURE_PACKAGES)
def test_pure_code_imports_neither_django_nor_a_case_app(relative: str) -> None:
    for path in _python_files(relative):
        for name in _imports(path):
            assert not name.startswith("django"), f"{path} imports {name}"
            parts = name.split(".")
            assert not (parts[0] == "bryggan" and len(parts) > 1 and parts[1] in CASE_APPS), (
                f"{path} imports {name}"
            )


def test_views_and_api_reach_models_only_through_gates_services_and_selectors() -> None:
    offenders = []
    # views.py, and the feature-named views_<feature>.py of an app several parts share (casefile).
    interfaces = [
        *PACKAGE.rglob("views.py"),
        *PACKAGE.rglob("views_*.py"),
        *PACKAGE.rglob("api.py"),
    ]
    assert any(path.name.startswith("views_") for path in interfaces)
    for path in interfaces:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "objects":
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not offenders, f"query a model's manager through access/selectors instead: {offenders}"


def test_audit_imports_no_other_app() -> None:
    for path in _python_files("audit"):
        for name in _imports(path):
            parts = name.split(".")
            assert not (
                parts[0] == "bryggan" and len(parts) > 1 and parts[1] not in {"audit", "core"}
            ), f"{path} imports {name}"
