"""`govcrawl doctor`: what this machine lacks for a crawl, with the exact command that fixes it."""

from __future__ import annotations

import os

from govcrawl.cli.errors import EXIT_FAILED, EXIT_OK


def cmd_doctor(args) -> int:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "govcrawl.settings")
    from scrapy.utils.project import get_project_settings

    from govcrawl.crawl.preflight import all_checks

    settings = get_project_settings()
    if args.contact:
        settings.set("GOVCRAWL_CONTACT_URL", args.contact, priority="cmdline")
    checks = all_checks(settings, args.archive or settings.get("GOVCRAWL_ARCHIVE"))
    for check in checks:
        print(check.line())
    missing = [c.name for c in checks if not c.ok]
    print(
        f"\n{len(checks) - len(missing)} of {len(checks)} checks ok"
        + (f"; to fix: {', '.join(missing)}" if missing else "")
    )
    return EXIT_FAILED if missing else EXIT_OK
