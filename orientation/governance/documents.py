"""PDFs of a meeting's agenda and minutes (WeasyPrint)."""

from django.template.loader import render_to_string


def meeting_pdf(meeting, *, minutes=None) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "governance/meeting_pdf.html",
        {"meeting": meeting, "minutes": minutes, "attendance": meeting.attendance.select_related("member")},
    )
    return HTML(string=html).write_pdf()
