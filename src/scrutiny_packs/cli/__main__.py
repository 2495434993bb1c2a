"""``python -m scrutiny_packs.cli``: the same command as ``scrutiny-packs``."""

from scrutiny_packs.cli import main

main()
