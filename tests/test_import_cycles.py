"""No import cycle among the project's modules, deferred imports included.

A cycle is a helper in the wrong module: the fix is to move it to the module that owns
its concept, never to defer one of the imports into a function (that hides the cycle; it
does not remove it). grimp reads every import statement, those inside functions too.
`lint-imports` (pyproject.toml) holds the same rule for each package's modules; this test
also sees a cycle that crosses packages (the project and an app, two apps).
"""

import graphlib
import sys
import textwrap

import grimp

PACKAGES = ("stories", "casestudies", "changes", "alerts", "infostory", "bench")


def import_graph(*packages):
    """{module: the project's modules it imports}, from the source (nothing is run)."""
    graph = grimp.build_graph(*packages, cache_dir=None)
    return {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}


def find_cycle(graph):
    """One cycle as [a, b, ..., a], or None."""
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as error:
        return error.args[1]
    return None


def test_no_import_cycle_among_the_projects_modules():
    graph = import_graph(*PACKAGES)
    assert {"stories.models", "casestudies.models", "changes.models", "infostory.workflow"} <= set(
        graph
    )
    cycle = find_cycle(graph)
    assert cycle is None, (
        "Import cycle: " + " -> ".join(cycle) + ". Move the helper to the module that owns "
        "its concept (a deferred import inside a function would only hide it)."
    )


def test_a_cycle_hidden_in_a_function_is_found(tmp_path, monkeypatch):
    package = tmp_path / "cyclic_example"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text("from cyclic_example.emails import tell\n")
    (package / "emails.py").write_text(
        textwrap.dedent(
            """
            def tell():
                from cyclic_example.models import Thing  # deferred: still a cycle
                return Thing
            """
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        cycle = find_cycle(import_graph("cyclic_example"))
    finally:
        sys.modules.pop("cyclic_example", None)
    assert cycle is not None
    assert set(cycle) == {"cyclic_example.models", "cyclic_example.emails"}
