"""Read a people file (CSV in UTF-8, or XLSX) into rows of text cells, within limits; write a CSV.

Every limit is checked before the work it bounds: the file's size before reading, an XLSX archive's
uncompressed size before opening it, the number of rows and columns while reading. Formulas are
text: a CSV cell is never evaluated, and an XLSX cell gives its formula, not a value Excel computed.
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time

from okrs.domain.spreadsheet import neutralise

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 50
# An XLSX is a zip archive of XML: its parts may unpack to at most this much, in at most this many.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 2_000

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary Excel format


class FileRefused(ValueError):
    """A file that cannot be read at all, with what is wrong and where."""


@dataclass(frozen=True)
class Table:
    """A file's cells: the header, and each data row with its number as a spreadsheet shows it."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    kind: str  # "CSV" or "XLSX"
    sheet: str = ""


def column_letter(index: int) -> str:
    """Return a spreadsheet's letter for the 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_table(data: bytes) -> Table:
    """Return the table in a CSV or XLSX file, or raise FileRefused saying what is wrong."""
    if len(data) > MAX_FILE_BYTES:
        raise FileRefused(
            f"The file has {len(data):,} bytes; at most {MAX_FILE_BYTES:,} (10 MB) are read."
        )
    if not data.strip():
        raise FileRefused("The file is empty: it needs a header row and a row per person.")
    if data.startswith(XLS_MAGIC):
        raise FileRefused(
            "This is an old Excel .xls file: save it as an Excel workbook (.xlsx) or as CSV UTF-8."
        )
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data)
    return _read_csv(data)


def _decode(data: bytes) -> str:
    """Return the text of a UTF-8 file (a byte-order mark is dropped), naming a byte that is not."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileRefused(
            "The file is UTF-16 (Excel's 'Unicode text'), not UTF-8: save it as 'CSV UTF-8'."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start : error.start + 1].hex().upper()
        raise FileRefused(
            f"The file is not UTF-8: byte 0x{byte} on line {line} (position {error.start:,}) "
            "is not valid UTF-8. Save the file as 'CSV UTF-8' (in Excel: Save as, CSV UTF-8)."
        ) from None


def _delimiter(text: str) -> str:
    """Return the header line's separator: a comma, or the semicolon or tab some exports use."""
    header = text.split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] > counts[","] else ","


def _read_csv(data: bytes) -> Table:
    """Return the table of a UTF-8 CSV file."""
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    rows: list[tuple[int, tuple[str, ...]]] = []
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            _add_row(rows, number, tuple(record))
    except csv.Error as error:
        raise FileRefused(f"Row {number + 1} cannot be read as CSV: {error}.") from None
    return _table(rows, "CSV")


def _add_row(rows: list[tuple[int, tuple[str, ...]]], number: int, cells: tuple[str, ...]) -> None:
    """Keep a row of stripped cells unless it is blank, within the row and column limits."""
    if len(cells) > MAX_COLUMNS and any(cell.strip() for cell in cells[MAX_COLUMNS:]):
        raise FileRefused(f"Row {number} has {len(cells)} columns; at most {MAX_COLUMNS} are read.")
    cleaned = [cell.strip() for cell in cells[:MAX_COLUMNS]]
    while cleaned and not cleaned[-1]:  # a spreadsheet's row runs on in empty cells
        cleaned.pop()
    if not cleaned:
        return
    if len(rows) > MAX_ROWS:  # the header and MAX_ROWS rows are kept
        raise FileRefused(f"The file has more than {MAX_ROWS:,} rows; import it in parts.")
    rows.append((number, tuple(cleaned)))


def _table(rows: list[tuple[int, tuple[str, ...]]], kind: str, sheet: str = "") -> Table:
    """Return the table whose first row is the header."""
    if not rows:
        raise FileRefused("The file is empty: it needs a header row and a row per person.")
    (_, header), *body = rows
    width = len(header)
    padded = tuple((n, cells[:width] + ("",) * (width - len(cells))) for n, cells in body)
    overflow = [(n, cells) for n, cells in body if any(cells[width:])]
    if overflow:
        n, cells = overflow[0]
        extra = next(i for i in range(width, len(cells)) if cells[i])
        raise FileRefused(
            f"Row {n}, column {column_letter(extra)} has a value but the header row has no "
            f"column {column_letter(extra)}: give the column a name in row {rows[0][0]}."
        )
    return Table(header=header, rows=padded, kind=kind, sheet=sheet)


def _check_archive(data: bytes) -> None:
    """Refuse an archive that is not a zip, or would unpack to more than the limit (a zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise FileRefused(f"The XLSX file is damaged: {error}.") from None
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise FileRefused(
            f"The XLSX file holds {len(members):,} parts; at most {MAX_ARCHIVE_MEMBERS:,}."
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise FileRefused(
            f"The XLSX file would unpack to {unpacked:,} bytes; at most {MAX_UNPACKED_BYTES:,} "
            "are read. Save only the people's sheet, or export it as CSV UTF-8."
        )


def cell_text(value: object) -> str:
    """Return an XLSX cell's value as text: a formula as written, numbers without a spurious .0."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def _read_xlsx(data: bytes) -> Table:
    """Return the table of the first sheet of an XLSX workbook, read without evaluating formulas."""
    _check_archive(data)
    from openpyxl import load_workbook  # only XLSX files need it

    try:
        # read_only streams the sheet; data_only=False gives a formula's text, never a value.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise FileRefused(
            f"The XLSX file cannot be read: {error or type(error).__name__}."
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows: list[tuple[int, tuple[str, ...]]] = []
        cells: tuple[object, ...]
        for number, cells in enumerate(
            sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True), start=1
        ):
            _add_row(rows, number, tuple(cell_text(value) for value in cells))
        return _table(rows, "XLSX", sheet.title)
    except FileRefused:
        raise
    except Exception as error:  # a sheet's XML can be damaged past what load_workbook checks
        raise FileRefused(
            f"The XLSX file cannot be read: {error or type(error).__name__}."
        ) from None
    finally:
        workbook.close()


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """Return a CSV text of the rows, every cell neutralised against formula injection."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(cell) for cell in header])
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return out.getvalue()
