"""The tree as issue 9 set it: one subpackage per stage, small modules, a package root that holds
only its face, settings and add-on."""

from tests.conftest import REPO

CODE = ("govcrawl", "govsim", "spiders", "pipelines", "tools")
STAGES = {"contract", "registry", "crawl", "process", "archive", "cli"}


def test_no_module_is_over_400_lines():
    long = {
        str(path.relative_to(REPO)): n
        for folder in CODE
        for path in (REPO / folder).rglob("*.py")
        if (n := len(path.read_text("utf-8").splitlines())) > 400
    }
    assert long == {}


def test_the_package_root_holds_its_face_settings_and_add_on():
    root = REPO / "govcrawl"
    modules = {p.name for p in root.glob("*.py")}
    packages = {p.name for p in root.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert (modules, packages) == ({"__init__.py", "__main__.py", "addon.py", "settings.py"}, STAGES)
