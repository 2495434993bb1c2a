"""One build step on top of pyproject.toml: a wheel carries the national project in ``scrutiny_packs/national/``.

A council's site (``scrutiny-packs init``) builds on the national bank, theme and hook of the release the
installed package is. An editable install reads them from the checkout; a wheel needs its own copy:
``content/``, ``overrides/``, ``hooks/``, ``mkdocs.yml`` and ``package.json`` (a council's site installs the
same npm packages), and the browser scripts the site ships from npm
packages (``publish/vendor.py``) when ``node_modules`` is there to take them from. MANIFEST.in puts the
national project in the sdist too, so a wheel built from the sdist carries it as well.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
NATIONAL = ("content", "overrides", "hooks", "mkdocs.yml", "package.json")
VENDOR = HERE / "src" / "scrutiny_packs" / "publish" / "vendor.py"


def _vendor_files() -> dict[str, Path]:
    """The site's files from npm packages (site path: file), or none when node_modules is not here."""
    spec = importlib.util.spec_from_file_location("_scrutiny_packs_vendor", VENDOR)
    assert spec is not None and spec.loader is not None
    vendor = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(vendor)
    try:
        return vendor.files(HERE)
    except vendor.VendorMissing as missing:
        print(f"warning: the wheel carries no browser bundle: {missing}")
        return {}


class BuildWithNational(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the national project from the checkout itself
        target = Path(self.build_lib) / "scrutiny_packs" / "national"
        shutil.rmtree(target, ignore_errors=True)
        for name in NATIONAL:
            source = HERE / name
            if source.is_dir():
                shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)
        for uri, path in _vendor_files().items():
            (target / "vendor" / uri).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / "vendor" / uri)


setup(cmdclass={"build_py": BuildWithNational})
