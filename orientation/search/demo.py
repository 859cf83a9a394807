"""Demo data for the search: index whatever catalogue is loaded (the demo one when there is no open data)."""

from orientation.core.importing import ImportReport
from orientation.search.services import search_index_rebuild


def build(stdout) -> None:
    report = ImportReport()
    count = search_index_rebuild(report=report)
    stats = report.stats["search.SearchDocument"]
    stdout.write(
        f"Recherche : {count} documents indexés ({stats.created} ajoutés, {stats.updated} modifiés, "
        f"{stats.deleted} retirés)."
    )
