"""Tables as CSV or XLSX files: numbers stay numbers (XLSX cells are numeric, CSV uses a dot)."""

import csv
import io
import re

from openpyxl import Workbook
from openpyxl.styles import Font

from orientation.reporting.indicators import Table

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM lets spreadsheet software read UTF-8


def sheet_title(title: str, taken: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique."""
    base = re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip() or "Feuille"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def write_table(sheet, table: Table, *, heading: str = "", note: str = "") -> None:
    if heading:
        sheet.append([heading])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=13)
    sheet.append(table.columns)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(row)
    if note or table.note:
        sheet.append([])
        sheet.append([f"Mode de calcul : {note or table.note}"])
    sheet.column_dimensions["A"].width = 60


def tables_xlsx(sheets: list[tuple[str, list[Table]]]) -> bytes:
    """One sheet per (title, tables) pair, tables one under the other."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for title, tables in sheets:
        sheet = workbook.create_sheet(sheet_title(title, taken))
        for index, table in enumerate(tables):
            if index:
                sheet.append([])
            write_table(sheet, table, heading=table.title)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
