"""PDFs of a contract and of each amendment (WeasyPrint)."""

from django.template.loader import render_to_string
from django.utils import timezone


def contract_pdf(contract, amendment=None) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "actionplan/contract_pdf.html",
        {
            "contract": contract,
            "amendment": amendment,
            "actions": contract.actions.order_by("objective", "title"),
            "generated_at": timezone.localtime(),
        },
    )
    return HTML(string=html).write_pdf()
