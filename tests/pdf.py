"""What the tests read from a PDF: each page's size and text, and every letter drawn on it,
read by PDFium (pypdfium2), as pdfplumber gives them and about five times faster."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


def drawn_letters(pdf: Path | bytes) -> list[tuple[float, float, str, list[dict]]]:
    """Each page: its width, height, text, and every letter drawn on it (not spaces), with
    its size and where it sits in points from the top left (top is the bottom less the
    size)."""
    pages = []
    document = pdfium.PdfDocument(pdf)
    matrix = pdfium_c.FS_MATRIX()
    for page in document:
        width, height = page.get_size()
        text = page.get_textpage()
        letters = []
        for index in range(text.count_chars()):
            letter = text.get_text_range(index, 1)
            if not letter.strip() or pdfium_c.FPDFText_IsGenerated(text, index) == 1:
                continue
            left, bottom, right, _top = text.get_charbox(index, loose=True)
            # The size the letter is drawn at: the font's size as the page scales it.
            # Chromium draws at 96 to the inch and scales each page by 3/4 to points.
            pdfium_c.FPDFText_GetMatrix(text, index, matrix)
            scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
            size = pdfium_c.FPDFText_GetFontSize(text, index) * scale
            letters.append(
                {
                    "text": letter,
                    "x0": left,
                    "x1": right,
                    "top": height - bottom - size,
                    "bottom": height - bottom,
                    "size": size,
                }
            )
        pages.append((width, height, text.get_text_range(), letters))
    document.close()
    return pages


def page_sizes(pdf: Path | bytes) -> list[tuple[float, float]]:
    """Each page's width and height, in points."""
    document = pdfium.PdfDocument(pdf)
    sizes = [page.get_size() for page in document]
    document.close()
    return sizes
