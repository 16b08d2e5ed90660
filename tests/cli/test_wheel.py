"""The wheel carries everything a build needs: built from the source, installed into a new virtual
environment, run in empty folders far from the checkout. About 20 s (building the wheel is most of it).

The new environment takes its dependencies (ReportLab, fontTools, …) from the test environment by a
.pth file instead of downloading them again: what is tested is the wheel's own contents.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from hengyang_print.cli.common import ROOT

pytestmark = pytest.mark.slow
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "src", "fonts", "layout", "content", "schema")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Build the wheel from a copy of the sources (links kept), so the checkout gets no build/ folder."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    outputs = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pdf", "*.png", "*.proof.*")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, symlinks=True, ignore=outputs)
        else:
            shutil.copy2(ROOT / name, source / name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--disable-pip-version-check",
            "-w",
            str(work / "dist"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (found,) = (work / "dist").glob("hengyang_print-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A new venv with the wheel installed; returns its bin/ folder."""
    env = tmp_path_factory.mktemp("venv") / "v"
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--disable-pip-version-check",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(purelib, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return env / "bin"


def run(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "HENGYANG_PRINT_LEDGER")}
    env["HENGYANG_PRINT_CACHE"] = str(cwd.parent / "cache")
    return subprocess.run(
        [str(bin_dir / "hengyang-print"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_wheel_holds_the_fonts_layouts_schemas_sample_content_and_licence(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "hengyang_print/data/fonts/NotoSerifSC-Regular.ttf",
        "hengyang_print/data/fonts/NotoSerifSC-Regular.tables",
        "hengyang_print/data/fonts/LICENSE-NotoCJK.txt",
        "hengyang_print/data/layout/broadsheet.yaml",
        "hengyang_print/data/layout/tabloid.yaml",
        "hengyang_print/data/content/hengyang-2018.yaml",
        "hengyang_print/data/content/photos/xiangjiang-sample.jpg",
        "hengyang_print/data/schema/content.schema.json",
        "hengyang_print/data/schema/build-report.schema.json",
        "hengyang_print/__main__.py",
    ):
        assert needed in names, needed
    assert any(n.endswith(("dist-info/LICENSE", "dist-info/licenses/LICENSE")) for n in names)
    for kind, pattern in (("fonts", "*"), ("layout", "*.yaml"), ("schema", "*.json"), ("content", "*.yaml")):
        for path in (ROOT / kind).glob(pattern):  # every face with its tables and licence, every layout …
            assert f"hengyang_print/data/{kind}/{path.name}" in names, path
    package = ROOT / "src" / "hengyang_print"
    for path in package.rglob("*"):  # every file the package reads beside its code (word lists, …)
        if path.is_file() and path.suffix not in (".py", ".pyc") and "data" not in path.relative_to(package).parts:
            assert f"hengyang_print/{path.relative_to(package).as_posix()}" in names, path
    assert not any(n.endswith((".pdf", ".png")) and "/content/" in n and "photos" not in n for n in names)


def test_the_guide_says_how_large_the_wheel_is(wheel):
    """docs/01-getting-started.md (and its Chinese page) quote the wheel's size to the megabyte."""
    size = round(wheel.stat().st_size / 1e6)
    for page, phrase in (
        ("docs/01-getting-started.md", "about {} MB"),
        ("docs/zh-CN/01-getting-started.md", "约 {} MB"),
    ):
        assert phrase.format(size) in (ROOT / page).read_text(encoding="utf-8"), f"{page}: the wheel is {size} MB"


def test_an_installed_wheel_builds_the_sample_page_in_an_empty_folder(installed, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    done = run(installed, empty, "build")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in empty.iterdir()) == ["hengyang-2018.pdf"]
    assert (empty / "hengyang-2018.pdf").read_bytes().startswith(b"%PDF-1.3")
    where = subprocess.run(
        [str(installed / "python"), "-c", "import hengyang_print; print(hengyang_print.__file__)"],
        capture_output=True,
        text=True,
        cwd=empty,
    ).stdout
    assert where.startswith(str(installed.parent)) and not where.startswith(str(ROOT))


def test_an_installed_wheel_builds_a_users_page_on_a_bundled_layout_by_name_or_path(installed, tmp_path):
    work = tmp_path / "desk"
    work.mkdir()
    text = (ROOT / "content" / "hengyang-2018.yaml").read_text(encoding="utf-8").replace("本报记者", "本报通讯员")
    (work / "a01.yaml").write_text(text, encoding="utf-8")
    done = run(installed, work, "build", "a01.yaml", "--layout", "tabloid")
    assert done.returncode == 0, done.stderr
    assert (work / "a01.pdf").is_file()
    layouts = subprocess.run(
        [
            str(installed / "python"),
            "-c",
            "from hengyang_print.paths import bundled; print(bundled('layout', 'broadsheet.yaml'))",
        ],
        capture_output=True,
        text=True,
    ).stdout.strip()
    done = run(installed, work, "build", "a01.yaml", "--layout", layouts, "-o", "by-path.pdf")
    assert done.returncode == 0, done.stderr
    assert (work / "by-path.pdf").is_file()


def test_an_installed_wheel_writes_a_starter_project_that_builds_and_signs(installed, tmp_path):
    done = run(installed, tmp_path, "init", "proj")
    assert done.returncode == 0, done.stderr
    done = run(installed, tmp_path / "proj", "build", "content/page.yaml", "--layout", "layout/broadsheet.yaml")
    assert done.returncode == 0, done.stderr
    assert "ledger: content/page.yaml × layout/broadsheet.yaml version 1 (new" in done.stdout  # the migrations ship
    done = run(installed, tmp_path / "proj", "sign", "content/page.yaml", "--role", "一校", "--as", "王芳")
    assert done.returncode == 0, done.stderr
    version = subprocess.run(
        [str(installed / "python"), "-m", "hengyang_print", "--version"], capture_output=True, text=True
    )
    assert version.returncode == 0 and "hengyang-print" in version.stdout
