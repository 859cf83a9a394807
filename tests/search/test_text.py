import pytest

from orientation.search.query import parse
from orientation.search.text import analysed_names, analysed_text, edit_distance, normalize, stem


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("boulangere", "boulanger"),
        ("boulangeres", "boulanger"),
        ("infirmiers", "infirmier"),
        ("infirmiere", "infirmier"),
        ("animaux", "animal"),
        ("coiffeuse", "coiffeur"),
        ("conductrice", "conducteur"),
        ("mecanicienne", "mecanicien"),
        ("sportive", "sportif"),
        ("employee", "employ"),
        ("employe", "employ"),
        ("bus", "bus"),
        ("2024", "2024"),
    ],
)
def test_light_stemmer_folds_plural_and_feminine(word, expected):
    assert stem(word) == expected


def test_normalize_and_analyse():
    assert normalize("Boulanger / Boulangère-Pâtissière (H/F)") == "boulanger boulangere patissiere h f"
    assert analysed_text("Boulanger / Boulangère", "Œnologue") == "boulanger oenologu"
    assert analysed_names("Aide à domicile", "Aide-ménager / Aide-ménagère", "Aide à domicile") == (
        "aide domicil|aide menager"
    )


def test_edit_distance_counts_transpositions_and_stops_early():
    assert edit_distance("infirmeir", "infirmier") == 1
    assert edit_distance("boulange", "boulanger") == 1
    assert edit_distance("abc", "xyzxyzxyz", limit=2) == 3


@pytest.mark.django_db
def test_query_drops_stop_words_and_expands_abbreviations():
    parsed = parse("Je veux travailler avec les animaux")
    assert [g.original for g in parsed.groups] == ["animaux"]
    assert parsed.place is None
    instit = parse("BTS instit").groups[1]
    assert [a.words for a in instit.alternatives] == [("instit",), ("professeur", "ecol")]
    assert instit.alternatives[0].prefix


def test_alternatives_another_one_already_matches_are_dropped():
    # "commercial*" is within "commerc*"; "vendeur*" is not.
    commerce = parse("commerce").groups[0]
    assert [(a.words, a.prefix) for a in commerce.alternatives] == [(("commerc",), True), (("vendeur",), False)]
    # "compta*" already matches "comptabilite" and "comptable".
    assert [a.words for a in parse("compta").groups[0].alternatives] == [("compta",)]
    # A phrase one of whose words a prefix matches is within it too.
    assert [a.words for a in parse("sport").groups[0].alternatives] == [("sport",)]


@pytest.mark.django_db
def test_query_of_only_common_words_still_searches_them():
    assert [g.original for g in parse("le métier").groups] == ["le", "metier"]


@pytest.mark.django_db
def test_place_is_only_taken_after_a_preposition(communes):
    assert parse("boulanger lens").place is None
    parsed = parse("boulanger dans le coin de Lens")
    assert parsed.place.name == "Lens"
    assert [g.original for g in parsed.groups] == ["boulanger"]
