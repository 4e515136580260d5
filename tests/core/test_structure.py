"""The shape of the code: core is shared machinery that knows no domain app, and no app's
modules import each other in a circle (counting imports inside functions, which only hide one)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_APPS = ("members", "meetings", "feedback")
PACKAGES = (*DOMAIN_APPS, "engagement")


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
    moved = ["notifications", "outbox", "documents", "uploads", "health", "dates", "changelists", "row_urls"]
    moved += ["history_admin", "limits", "idempotency", "imports", "import_admin", "retention", "tasks"]
    assert [name for name in moved if (ROOT / "members" / f"{name}.py").exists()] == []


def project_modules():
    """{dotted name: path} for every module of the apps, migrations and commands aside."""
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts or "management" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def import_graph():
    """Which project module imports which, anywhere in the file."""
    modules = project_modules()
    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                candidates = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                candidates = [f"{base}.{alias.name}" for alias in node.names] + [base]
            else:
                continue
            for candidate in candidates:
                while candidate and candidate not in modules:
                    candidate = candidate.rpartition(".")[0]
                if candidate and candidate != name:
                    targets.add(candidate)
        graph[name] = targets
    return graph


def cycles(graph):
    """Groups of modules that reach each other (Tarjan's strongly connected components, of two or more)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_modules_import_each_other_in_a_circle():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
