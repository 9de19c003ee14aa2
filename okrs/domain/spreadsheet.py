"""Write tables as CSV lines or an XLSX workbook, text that looks like a formula neutralised.

A spreadsheet runs a cell that starts with =, +, - or @ as a formula, so a title such as
"=HYPERLINK(...)" could run when a shared file is opened. A CSV cell gets a leading quote; an XLSX
cell is written as text with Excel's own quote prefix, so it reads exactly as typed and never runs.
Numbers are numbers, never neutralised: -2 is a value, not a formula.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from _typeshed import SizedBuffer

# A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | date | datetime | None


@dataclass(frozen=True)
class Sheet:
    """One table of a file: its title (a sheet's name, or a section of a CSV), header and rows."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[Cell]]


def neutralise(cell: str) -> str:
    """Return the cell so that a spreadsheet shows it as text: a leading quote before =, +, -, @."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def unneutralise(cell: str) -> str:
    """Return a cell as it was before neutralise(), so an exported file imports as it was."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def csv_cell(value: Cell) -> str:
    """Return a cell's CSV text: nothing for no value, dates in ISO, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


class _Line:
    """A file-like sink that hands back what csv.writer wrote for one row."""

    def write(self, text: str) -> str:
        return text


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> Iterator[str]:
    """Yield the CSV lines of a table, header first, one at a time so a large file streams."""
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield writer.writerow([csv_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([csv_cell(cell) for cell in row])


def csv_sections(sheets: Sequence[Sheet]) -> Iterator[str]:
    """Yield one CSV holding several tables: each its title line, header and rows, then a gap."""
    for index, sheet in enumerate(sheets):
        if index:
            yield "\r\n"
        yield from csv_lines([sheet.title], [])
        yield from csv_lines(sheet.header, sheet.rows)


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """Return an XLSX workbook with a sheet per table, header row first."""
    from openpyxl import Workbook  # only XLSX files need it
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook(write_only=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(_sheet_name(sheet.title))

        def cell(value: Cell, worksheet: Any = worksheet) -> Any:
            if isinstance(value, datetime) and value.tzinfo is not None:
                value = value.replace(tzinfo=None)  # XLSX has no time zones: the local time
            written = WriteOnlyCell(worksheet, value=value)
            if isinstance(value, str):
                written.data_type = "s"  # text, even when it looks like a formula
                written.quotePrefix = value.startswith(FORMULA_STARTS)
            return written

        worksheet.append([cell(title) for title in sheet.header])
        for row in sheet.rows:
            worksheet.append([cell(value) for value in row])
    out = io.BytesIO()
    with _FixedTimeZip(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    return out.getvalue()


class _FixedTimeZip(zipfile.ZipFile):
    """A zip archive whose members all carry one fixed time.

    A zip member's time is the machine's local time otherwise, which a zip cannot hold before
    1980 (a server whose clock is wrong, or a test's calendar, would fail the download).
    """

    def writestr(
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: "SizedBuffer | str",
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        """Write the member, stamped with the fixed time when given by name."""
        member = zinfo_or_arcname
        if isinstance(member, str):
            member = zipfile.ZipInfo(member, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = self.compression
        super().writestr(member, data, compress_type, compresslevel)


def _sheet_name(title: str) -> str:
    """Return the title as a sheet's name: at most 31 characters, none of []:*?/\\."""
    name = "".join(" " if char in "[]:*?/\\" else char for char in title).strip()
    return name[:31] or "Sheet"
