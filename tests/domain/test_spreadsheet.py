"""Tables written as CSV lines or an XLSX workbook, text that looks like a formula neutralised."""

import csv
import io
from datetime import date, datetime, timedelta, timezone

from openpyxl import load_workbook

from okrs.domain.spreadsheet import (
    Sheet,
    csv_cell,
    csv_lines,
    csv_sections,
    neutralise,
    unneutralise,
    xlsx_bytes,
)


def test_text_that_starts_a_formula_gets_a_leading_quote_and_reads_back():
    for text in ("=SUM(A1)", "+1", "-2", "@x", "\tTab", "\rReturn"):
        assert neutralise(text) == "'" + text
        assert unneutralise(neutralise(text)) == text
    assert neutralise("Grow 20%") == "Grow 20%"
    assert unneutralise("'quoted on purpose") == "'quoted on purpose"


def test_numbers_dates_and_no_value_are_written_as_they_are():
    assert csv_cell(-2) == "-2"
    assert csv_cell(-2.5) == "-2.5"
    assert csv_cell(None) == ""
    assert csv_cell(date(2027, 1, 31)) == "2027-01-31"
    assert csv_cell("-2") == "'-2"  # text is text, even when it looks like a number


def test_csv_lines_stream_a_header_then_one_line_per_row():
    lines = list(csv_lines(["Objective", "Progress %"], [["=HYPERLINK(x)", 40], ["a, b", None]]))
    assert lines == ["Objective,Progress %\r\n", "'=HYPERLINK(x),40\r\n", '"a, b",\r\n']


def test_csv_sections_hold_each_table_under_its_title_with_a_blank_line_between():
    text = "".join(
        csv_sections(
            [
                Sheet("States", ["State", "Objectives"], [["On track", 3]]),
                Sheet("Teams", ["Team"], [["Growth"]]),
            ]
        )  # fmt: skip
    )
    assert list(csv.reader(io.StringIO(text))) == [
        ["States"], ["State", "Objectives"], ["On track", "3"], [], ["Teams"], ["Team"], ["Growth"]
    ]  # fmt: skip


def test_an_xlsx_has_a_sheet_per_table_with_formulas_as_quoted_text_and_numbers_as_numbers():
    moment = datetime(2027, 1, 5, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    sheets = [
        Sheet("OKRs", ["Objective", "Start", "When"], [["=1+1", -2, moment], ["Plain", 3.5, None]]),
        Sheet("Teams: [all]", ["Team"], []),
    ]
    workbook = load_workbook(io.BytesIO(xlsx_bytes(sheets)))
    assert workbook.sheetnames == ["OKRs", "Teams   all"]
    rows = list(workbook["OKRs"].iter_rows())
    assert [c.value for c in rows[0]] == ["Objective", "Start", "When"]
    formula, number, when = rows[1]
    assert (formula.value, formula.data_type, formula.quotePrefix) == ("=1+1", "s", True)
    assert (number.value, number.data_type) == (-2, "n")
    assert when.value == datetime(2027, 1, 5, 9, 30)  # the local time shown, without its zone
    assert rows[2][0].quotePrefix is False
