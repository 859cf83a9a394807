"""Class hours exports: CSV (";" separated, French decimal comma for spreadsheets) and XLSX (numbers
stored as numbers)."""

import csv
from io import BytesIO

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from orientation.schooling.enums import Level
from orientation.schooling.selectors import level_order
from orientation.territory.enums import PriorityNetwork, UrbanClass

HOURS_HEADER = (
    "Classe",
    "Niveau",
    "Élèves",
    "Heures réglementaires",
    "Heures réalisées",
    "Heures prévues",
    "Projection fin d'année",
    "Attendu à ce jour",
    "Dans les temps",
)


def _label(level: str) -> str:
    return Level(level).label if level in Level.values else level


def _on_track(value) -> str:
    return "" if value is None else ("oui" if value else "non")


def _hours_rows(rows):
    for r in rows:
        yield (
            r.school_class.name,
            _label(r.school_class.level),
            r.pupils,
            None if r.required is None else float(r.required),
            float(r.delivered),
            float(r.planned),
            float(r.projection),
            None if r.expected_to_date is None else float(r.expected_to_date),
            _on_track(r.on_track),
        )


def _fr(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def _csv_response(filename: str, header, rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_fr(v) for v in row])
    return response


def class_hours_csv(rows, filename: str) -> HttpResponse:
    return _csv_response(filename, HOURS_HEADER, _hours_rows(rows))


def class_hours_xlsx(rows, filename: str, establishment, school_year) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Heures d'orientation"
    sheet.append([f"{establishment.name} ({establishment.uai}) — année scolaire {school_year.label}"])
    sheet["A1"].font = Font(bold=True)
    sheet.append(list(HOURS_HEADER))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in _hours_rows(rows):
        sheet.append(list(row))
    for column, width in zip("ABCDEFGHI", (14, 34, 8, 14, 14, 14, 16, 14, 12), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


TERRITORY_HEADER = (
    "Regroupement",
    "Niveau",
    "Classes",
    "Classes dans les temps",
    "Part dans les temps (%)",
    "Élèves",
    "Heures par élève",
)


def territory_sections(summary) -> list[tuple[str, list]]:
    """(caption, [(level label, tally)]): all classes, then by priority network, then rural / urban."""

    def lines(tallies):
        return [(_label(level), tallies[level]) for level in level_order(tallies)]

    sections = [("Toutes les classes, par niveau", lines(summary.by_level))]
    for network in (n for n in PriorityNetwork.values if n in summary.by_priority_network):
        sections.append(
            (f"Établissements {PriorityNetwork(network).label}", lines(summary.by_priority_network[network]))
        )
    for urban in (u for u in UrbanClass.values if u in summary.by_urban_class):
        label = (
            "commune non renseignée" if urban == UrbanClass.UNKNOWN else f"commune {UrbanClass(urban).label.lower()}"
        )
        sections.append((f"Établissements en {label}", lines(summary.by_urban_class[urban])))
    return sections


def territory_rows(summary):
    for caption, lines in territory_sections(summary):
        for label, t in lines:
            yield (caption, label, t.classes, t.on_track, t.share_on_track, t.pupils, t.hours_per_pupil)


def territory_csv(summary, filename: str) -> HttpResponse:
    return _csv_response(filename, TERRITORY_HEADER, territory_rows(summary))
