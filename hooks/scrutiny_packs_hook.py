"""MkDocs glue, configured in mkdocs.yml under ``hooks:``.

It only forwards MkDocs' events to the package: the work is done by
``scrutiny_packs.publish.hook.SiteHook`` (load the bank, add its pages, sanitise, make packs).
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from scrutiny_packs.publish.hook import SiteHook

HOOK = SiteHook()  # one per process: MkDocs loads this file once, and `mkdocs serve` keeps it between builds


def on_startup(command, dirty):
    HOOK.on_startup(command, dirty)


def on_config(config):
    return HOOK.on_config(config)


def on_pre_build(config):
    HOOK.on_pre_build(config)


def on_files(files, config):
    return HOOK.on_files(files, config)


def on_page_markdown(markdown, page, config, files):
    return HOOK.on_page_markdown(markdown, page, config, files)


@event_priority(-100)  # after every other plugin's change: what is published is what was sanitised
def on_page_content(html, page, config, files):
    return HOOK.on_page_content(html, page, config, files)


@event_priority(100)  # the sanitised HTML is in place before any other plugin sees the pages again
def on_env(env, config, files):
    return HOOK.on_env(env, config, files)


@event_priority(100)  # before the search plugin writes its index
def on_post_build(config):
    HOOK.on_post_build(config)


def on_build_error(error):
    HOOK.on_build_error(error)


def on_shutdown():
    HOOK.on_shutdown()


def on_serve(server, config, builder):
    return HOOK.on_serve(server, config, builder)
