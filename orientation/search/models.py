"""The search index: one denormalised row per searchable thing.

``SearchDocument`` rows are written only by ``services.search_index_rebuild()`` (the last step
of ``import_open_data``). The text columns hold *analysed* text (``search.text.analysed_text``):
the same terms on every database. Each database adds its own full-text structure in a
migration that only runs there:

- SQLite: the FTS5 table ``search_fts`` (external content = this table, ``unicode61
  remove_diacritics 2``, prefix indexes), refreshed by the rebuild;
- PostgreSQL: a stored generated ``tsvector`` column ``search_vector`` (weights A/B/C, the
  ``orientation_fr`` configuration = French Snowball stemmer behind ``unaccent``) with a GIN
  index, and a trigram index on ``SearchTerm.term`` for typo candidates.
"""

from django.db import models
from django.db.models import Q

from orientation.search.enums import DocumentType


class SearchDocument(models.Model):
    type = models.CharField("type", max_length=10, choices=DocumentType.choices)
    object_id = models.BigIntegerField("identifiant de l'objet")
    code = models.CharField("code", max_length=20, blank=True, help_text="Code ROME pour un métier.")
    title = models.CharField("titre", max_length=300)
    summary = models.CharField("texte court", max_length=300, blank=True)
    url = models.CharField("adresse de la page", max_length=200)
    # Analysed text (see search.text): what the full-text indexes contain.
    title_terms = models.TextField("termes du titre")
    alt_terms = models.TextField("termes des autres intitulés", blank=True)
    names = models.TextField(
        "intitulés analysés",
        blank=True,
        help_text="Chaque intitulé (titre, appellations) analysé, séparés par « | » : sert au classement.",
    )
    body_terms = models.TextField("mots-clés", blank=True)
    level = models.PositiveSmallIntegerField("niveau RNCP", null=True, blank=True)
    by_school = models.BooleanField("voie scolaire", default=False)
    by_apprenticeship = models.BooleanField("apprentissage", default=False)
    departments = models.CharField(
        "départements", max_length=60, blank=True, help_text="Codes séparés par des virgules."
    )
    recruits = models.BooleanField("métier qui recrute", default=False)
    little_known = models.BooleanField("métier peu connu", default=False)
    commune_name = models.CharField("commune", max_length=150, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    boost = models.FloatField("bonus de classement", default=0.0)

    class Meta:
        verbose_name = "document de recherche"
        verbose_name_plural = "documents de recherche"
        constraints = [
            models.UniqueConstraint(
                fields=["type", "object_id"],
                name="search_document_unique_object",
                violation_error_message="Cet objet est déjà dans l'index de recherche.",
            ),
            models.CheckConstraint(
                condition=Q(boost__gte=0) & Q(boost__lte=1),
                name="search_document_boost_range",
                violation_error_message="Le bonus de classement est compris entre 0 et 1.",
            ),
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level__gte=1, level__lte=8),
                name="search_document_level_range",
                violation_error_message="Le niveau RNCP est compris entre 1 et 8.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} : {self.title}"


class SearchTerm(models.Model):
    """The indexed vocabulary (one analysed term, how often it occurs), for typo correction."""

    term = models.CharField("terme", max_length=100, unique=True)
    display = models.CharField("forme affichée", max_length=100)
    document_count = models.PositiveIntegerField("documents")

    class Meta:
        verbose_name = "terme indexé"

    def __str__(self) -> str:
        return self.term
