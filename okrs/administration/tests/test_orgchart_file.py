"""Reading an org chart file: CSV in UTF-8 or XLSX, within limits, formulas as text."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from okrs.domain import peoplefile
from okrs.domain.orgchart_rows import read_rows
from okrs.domain.peoplefile import (
    MAX_FILE_BYTES,
    FileRefused,
    column_letter,
    csv_text,
    read_table,
)
from okrs.domain.spreadsheet import neutralise

HEADER = "email,name,team,parent team,level,role,team role"
ROLES = {"admin": "Admin", "member": "Member", "okr-leader": "OKR Leader"}


def xlsx(rows: list[list[object]], title: str = "People") -> bytes:
    """Return an XLSX workbook with one sheet of the rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_utf8_csv_is_read_with_or_without_a_byte_order_mark():
    text = f"{HEADER}\nzoe@acme.test,Zoë Ångström,Growth,,,,\n"
    for data in (text.encode(), b"\xef\xbb\xbf" + text.encode()):
        table = read_table(data)
        assert table.header[0] == "email"
        assert table.rows == ((2, ("zoe@acme.test", "Zoë Ångström", "Growth", "", "", "", "")),)
        assert table.kind == "CSV"


def test_a_semicolon_separated_csv_from_a_european_spreadsheet_is_read():
    table = read_table(b"E-mail;Name;Team\nzoe@acme.test;Zoe Stone;Growth\n")
    assert table.header == ("E-mail", "Name", "Team")
    assert table.rows[0][1] == ("zoe@acme.test", "Zoe Stone", "Growth")


def test_blank_rows_are_skipped_and_rows_keep_their_numbers():
    table = read_table(f"{HEADER}\n\n,,,,,,\nzoe@acme.test,Zoe,,,,,\n".encode())
    assert [number for number, _ in table.rows] == [4]


def test_a_csv_that_is_not_utf8_is_refused_naming_the_byte_and_line():
    data = f"{HEADER}\nzoe@acme.test,Zoë,,,,,\n".encode("latin-1")
    with pytest.raises(FileRefused) as refused:
        read_table(data)
    assert "not UTF-8: byte 0xEB on line 2" in str(refused.value)
    assert "CSV UTF-8" in str(refused.value)


def test_a_utf16_csv_is_refused_as_utf16():
    with pytest.raises(FileRefused, match="UTF-16"):
        read_table(f"{HEADER}\n".encode("utf-16"))


def test_a_file_over_10_mb_is_refused_before_it_is_read():
    with pytest.raises(FileRefused, match="at most 10,485,760 \\(10 MB\\)"):
        read_table(b"x" * (MAX_FILE_BYTES + 1))


def test_too_many_rows_or_columns_are_refused(monkeypatch):
    monkeypatch.setattr(peoplefile, "MAX_ROWS", 3)
    rows = "".join(f"p{n}@acme.test,P {n}\n" for n in range(4))
    with pytest.raises(FileRefused, match="more than 3 rows"):
        read_table(f"email,name\n{rows}".encode())
    wide = ",".join(f"c{n}" for n in range(60))
    with pytest.raises(FileRefused, match="Row 1 has 60 columns; at most 50"):
        read_table(wide.encode())


def test_a_value_beyond_the_header_is_refused_naming_row_and_column():
    with pytest.raises(FileRefused, match="Row 2, column C has a value"):
        read_table(b"email,name\nzoe@acme.test,Zoe,extra\n")


def test_a_broken_csv_names_its_row():
    with pytest.raises(FileRefused, match="Row 3 cannot be read as CSV"):
        read_table(b'email,name\nzoe@acme.test,Zoe\nbad@acme.test,"Bad "quote\n')


def test_an_xlsx_first_sheet_is_read_with_numbers_as_text():
    data = xlsx([["E-mail", "Name", "Team", "Level"], ["zoe@acme.test", "Zoe", 42, 1.0]])
    table = read_table(data)
    assert table.kind == "XLSX" and table.sheet == "People"
    assert table.rows == ((2, ("zoe@acme.test", "Zoe", "42", "1")),)


def test_formulas_are_text_never_evaluated():
    formula = '=HYPERLINK("http://evil.test","x")'
    data = xlsx([["email", "name"], ["zoe@acme.test", formula], ["sum@acme.test", "=1+2"]])
    cells = [cells[1] for _, cells in read_table(data).rows]
    assert cells == [formula, "=1+2"]
    table = read_table(b'email,name\nzoe@acme.test,"=1+2"\n')
    assert table.rows[0][1][1] == "=1+2"


def test_an_xlsx_that_would_unpack_past_the_limit_is_refused_before_opening(monkeypatch):
    data = xlsx([["email", "name"], ["zoe@acme.test", "Zoe"]])
    monkeypatch.setattr(peoplefile, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(FileRefused, match="would unpack to"):
        read_table(data)


def test_a_zip_bomb_is_refused_from_its_declared_sizes():
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb,
        bomb.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(210):
            member.write(b"\0" * (1024 * 1024))
    assert len(out.getvalue()) < 1024 * 1024  # 210 MB of zeros in well under a megabyte
    with pytest.raises(FileRefused, match="would unpack to 220,200,960 bytes"):
        read_table(out.getvalue())


def test_a_damaged_xlsx_or_an_old_xls_is_refused_clearly():
    with pytest.raises(FileRefused, match="XLSX file is damaged"):
        read_table(b"PK\x03\x04 not really a zip")
    with pytest.raises(FileRefused, match="old Excel .xls"):
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    no_sheet = io.BytesIO()
    with zipfile.ZipFile(no_sheet, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(FileRefused, match="XLSX file cannot be read"):
        read_table(no_sheet.getvalue())


def test_cells_that_start_a_formula_are_neutralised_on_export():
    for cell in ("=1+2", "+31 20", "-5", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(cell) == "'" + cell
    assert neutralise("Ada") == "Ada"
    text = csv_text(["email", "name"], [["eve@acme.test", '=HYPERLINK("http://evil.test")']])
    assert text.splitlines()[1] == 'eve@acme.test,"\'=HYPERLINK(""http://evil.test"")"'


def test_a_neutralised_cell_reads_back_as_it_was():
    text = csv_text(["email", "name"], [["eve@acme.test", "=1+2"]])
    rows = read_rows(read_table(text.encode()), ROLES)
    assert rows.rows[0].name == "=1+2"


def test_column_letters_follow_the_spreadsheet():
    assert [column_letter(i) for i in (0, 2, 25, 26, 27, 51, 52)] == [
        "A", "C", "Z", "AA", "AB", "AZ", "BA"
    ]  # fmt: skip


def test_the_header_may_use_other_spellings_and_ignores_other_columns():
    rows = read_rows(
        read_table(b"E-Mail Address,Full name,Department\nzoe@acme.test,Zoe,IT\n"), ROLES
    )
    assert rows.rows[0].email == "zoe@acme.test" and rows.rows[0].name == "Zoe"
    assert rows.ignored_columns == ["Department"]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("name,team", "The header row has no 'e-mail' column; it has: name, team."),
        ("email,team", "no 'name' column"),
        ("email,name,level", "no 'level' column"),
        ("email,name,email", "Columns A and C of the header row are both 'email'"),
    ],
)
def test_a_missing_or_doubled_column_is_refused(header, message):
    with pytest.raises(FileRefused) as refused:
        values = ",".join("v" for _ in header.split(","))
        read_rows(read_table(f"{header}\n{values}\n".encode()), ROLES)
    assert message in str(refused.value)
