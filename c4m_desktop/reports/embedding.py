"""Keep ReportLab's standard Helvetica out of report PDFs, so every font in them is embedded.

A canvas starts in Helvetica and a table sets its cells' font (Helvetica by default) before
drawing them, even cells that hold flowables; either puts an unembedded Helvetica in the PDF.
Document templates take ``document_options(fonts)``; tables take ``table_font(style)``.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle

from .fonts import FontSet


def document_options(fonts: FontSet) -> dict[str, Any]:
    """Return keyword arguments for a DocTemplate (or Canvas) that start it in our Latin face."""
    return {"initialFontName": fonts.latin().name}


def table_font(style: ParagraphStyle) -> list[tuple]:
    """Return TableStyle commands that set every cell in the font and size of a text style."""
    return [
        ("FONTNAME", (0, 0), (-1, -1), style.fontName),
        ("FONTSIZE", (0, 0), (-1, -1), style.fontSize),
        ("LEADING", (0, 0), (-1, -1), style.leading),
    ]
