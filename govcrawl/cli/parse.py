"""`govcrawl parse`: clean and parse one saved page or document, print its JSON record."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from govcrawl.cli.errors import CliError


# --- parse ----------------------------------------------------------------------------------
def cmd_parse(args) -> int:
    from govcrawl.contract.schema import validation_errors
    from govcrawl.process.document import EmptyText, parse_document
    from govcrawl.process.encoding import UndecodableBody
    from govcrawl.process.extract import EXTRACT_FAILED
    from govcrawl.process.limits import ResourceLimit

    path = Path(args.page)
    try:
        body = path.read_bytes()
    except FileNotFoundError as exc:
        raise CliError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise CliError(f"{path}: is a directory, not a saved page") from exc
    except OSError as exc:
        raise CliError(f"{path}: {exc.strerror}") from exc
    if not body.strip():
        raise CliError(f"{path}: empty file")
    content_type = "text/plain" if path.suffix.lower() == ".txt" else None
    try:
        # The file name stands for the URL when none is given: it tells a .wps from a .doc.
        doc = parse_document(
            body,
            url=args.url or path.name,
            content_type=content_type,
            encoding=args.encoding,
            adcode=args.adcode,
            title_hint=args.title,
        )
    except UndecodableBody as exc:
        raise CliError(f"{path}: {exc}") from exc
    except ResourceLimit as exc:
        raise CliError(f"{path}: over a parse limit: {exc}") from exc
    except EmptyText as exc:
        raise CliError(f"{path}: {exc}") from exc
    if doc.extracted is not None and doc.extracted.status == EXTRACT_FAILED:
        raise CliError(f"{path}: unreadable {doc.extracted.format} file: {doc.extracted.detail}")
    errors = validation_errors(doc.record)
    json.dump(doc.record, sys.stdout, ensure_ascii=False, indent=None if args.compact else 1)
    sys.stdout.write("\n")
    if errors:
        raise CliError(f"{path}: output breaks the schema (a govcrawl bug): {errors[0]}")
    return 0
