"""Reading the text of the decision letters in tests."""

from __future__ import annotations

import base64
import re
import zlib


def pdf_text(pdf: bytes) -> str:
    """The text of a ReportLab PDF: the string operands of its (compressed) page streams."""
    chunks = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL):
        try:
            data = zlib.decompress(base64.a85decode(stream.strip(), adobe=True))
        except (ValueError, zlib.error):
            try:
                data = zlib.decompress(stream)
            except zlib.error:
                continue
        chunks += [m.decode("latin-1") for m in re.findall(rb"\((.*?)\) Tj", data)]
    # PDF string escapes: an octal byte such as \351, an escaped parenthesis or backslash.
    escape = re.compile(r"\\([0-7]{3}|[()\\])")
    return escape.sub(
        lambda m: chr(int(m.group(1), 8)) if len(m.group(1)) == 3 else m.group(1), " ".join(chunks)
    )
