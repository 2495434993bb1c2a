"""Build the site with MkDocs into a temporary folder, then move it into place.

A failed build leaves the previous site exactly as it was: nothing is ever
half-published.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


class BuildFailed(Exception):
    pass


def build_site(root: Path, site_dir: Path, strict: bool = True, pdf: bool = True) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    from scrutiny_packs.publish.hook import find_hook
    from scrutiny_packs.publish.options import BuildOptions

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # MkDocs' own notice, not an option of ours
    options = BuildOptions.read("build")
    if not pdf:
        options = options.but(pdf=False)  # for this build only
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(staging), strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        hook = find_hook(config)
        if hook is not None:
            hook.use_options(options)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, MkDocsException) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(f"Build failed; {site_dir.name}/ is unchanged.\n{exc}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-old-", dir=site_dir.parent))
        os.replace(site_dir, old / "site")
    os.replace(staging, site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
