"""A scanned PDF: every page one image, no fonts, no text layer — what a scanner or a
"print to image" produces. Pure standard library; the image is a grey page with dark bars
standing for lines of print."""

from __future__ import annotations

import zlib

_W, _H = 620, 877  # A4 at 75 dpi


def _page_pixels(page: int) -> bytes:
    rows = []
    for y in range(_H):
        printed = 80 < y < _H - 80 and (y // 14) % 2 == 0 and (y * 7 + page) % 11 != 0
        line = bytearray(b"\xf4" * _W)
        if printed:
            end = _W - 60 - ((y // 28 + page) % 5) * 40
            line[60:end] = b"\x30" * (end - 60)
        rows.append(bytes(line))
    return b"".join(rows)


def make_scanned_pdf(pages: int = 2) -> bytes:
    objects: list[bytes] = []

    def add(obj: bytes) -> int:
        objects.append(obj)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_obj = add(b"")
    kids = []
    for n in range(pages):
        data = zlib.compress(_page_pixels(n), 9)
        image = add(
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
            b" /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
            % (_W, _H, len(data))
            + data
            + b"\nendstream"
        )
        draw = b"q %d 0 0 %d 0 0 cm /Im0 Do Q" % (_W, _H)
        content = add(b"<< /Length %d >>\nstream\n" % len(draw) + draw + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << /XObject << /Im0 %d 0 R >> >>"
                b" /Contents %d 0 R >>" % (pages_obj, _W, _H, image, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = (
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids)
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)
