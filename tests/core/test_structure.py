"""The shape of the code: core is shared machinery that knows no domain app."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_APPS = ("members", "meetings", "feedback")


def imported_modules(path):
    """Every module a file imports, at the top or inside a function (a deferred import is still a dependency)."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


def test_core_imports_no_domain_app():
    found = {
        f"{path.relative_to(ROOT)}: {module}"
        for path in (ROOT / "engagement" / "core").rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] in DOMAIN_APPS
    }
    assert found == set()


def test_members_holds_none_of_the_shared_machinery():
    moved = ["notifications", "outbox", "documents", "uploads", "health", "dates"]
    assert [name for name in moved if (ROOT / "members" / f"{name}.py").exists()] == []
