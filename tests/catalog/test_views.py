"""Public catalogue pages on the sample catalogue: content, distances, errors, query counts, weight."""

import pytest
from django.urls import reverse

from orientation.catalog.models import Training

pytestmark = pytest.mark.django_db

MAX_PAGE_BYTES = 150_000


def test_job_page_shows_the_job_in_plain_words(client, imported, django_assert_num_queries):
    with django_assert_num_queries(10):
        response = client.get(reverse("catalog:job", args=["D1102"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Boulanger / Boulangère" in html
    assert "Fabrique le pain et les viennoiseries." in html
    assert "Boulanger-pâtissier / Boulangère-pâtissière" in html
    assert "Ouvrier boulanger" not in html  # a rarely used title is not shown
    assert "Je suis passionné / passionnée par la cuisine" in html
    assert "concret" in html  # RIASEC « R » in plain words
    assert "MET.17" in html  # the Onisep sheet
    assert "Pâtissier / Pâtissière" in html  # related job
    assert "CAP Boulanger" in html
    assert len(response.content) < MAX_PAGE_BYTES


def test_job_page_recruitment_by_department_and_basin(client, imported):
    html = client.get(reverse("catalog:job", args=["D1102"])).content.decode()
    assert "Boulangers, pâtissiers" in html
    assert "130</strong> projets" in html  # 97 (Lille) + 33 (Artois); the masked Arras cell is not counted
    # share of difficult recruitments on the basins where both figures are known: (66 + 29) / 130
    assert "73 %</strong> jugés difficiles" in html
    assert "tous niveaux de qualification" in html
    assert "secret" in html  # the masked basin is said so, not shown as 0
    assert "Tension sur le marché du travail en 2021" in html


def test_job_page_girls_and_boys_in_training_leading_to_it(client, imported):
    html = client.get(reverse("catalog:job", args=["D1102"])).content.decode()
    assert "36 % de filles" in html  # 8 girls of 22 pupils in the sample CAP Boulanger
    assert "64 % de garçons" in html


def test_job_page_sorts_places_by_distance_from_a_commune(client, imported, sample_territory):
    html = client.get(reverse("catalog:job", args=["I1604"]), {"commune": "62041"}).content.decode()
    arras_at, valenciennes_at = html.index("Lycée Jean Moulin"), html.index("Lycée du Hainaut")
    assert arras_at < valenciennes_at
    assert "0,0 km" in html or "0.0 km" in html
    html = client.get(reverse("catalog:job", args=["I1604"]), {"commune": "Valenciennes"}).content.decode()
    assert html.index("Lycée du Hainaut") < html.index("Lycée Jean Moulin")


def test_job_page_unknown_commune_is_a_clear_error_and_keeps_what_was_typed(client, imported):
    response = client.get(reverse("catalog:job", args=["D1102"]), {"commune": "Atlantide"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nous ne trouvons pas cette commune" in html
    assert 'value="Atlantide"' in html


def test_job_page_unknown_code_is_404(client, imported):
    assert client.get(reverse("catalog:job", args=["Z9999"])).status_code == 404
    assert client.get("/catalogue/metiers/pas-un-code/").status_code == 404


def test_job_code_is_case_insensitive(client, imported):
    assert client.get(reverse("catalog:job", args=["d1102"])).status_code == 200


def test_training_page_with_map_distance_and_insertion(client, imported, sample_territory, django_assert_num_queries):
    training = Training.objects.get(code="FOR.5821")
    with django_assert_num_queries(7):  # the region named in the text alternative; are there outlines?
        response = client.get(reverse("catalog:training", args=[training.pk]), {"commune": "Arras"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "bac pro Maintenance des véhicules" in html
    assert "niveau 4 (bac ou équivalent)" in html.lower()
    assert "<svg" in html
    assert 'role="img"' in html
    assert html.index("Lycée Jean Moulin") < html.index("Lycée du Hainaut")
    assert "55 % en emploi 6 mois après" in html  # Jean Moulin, 2022_2023, all leavers
    assert "60 % en emploi 6 mois après" in html  # Hainaut, latest period wins over older ones
    assert "Sous statut scolaire" in html
    assert len(response.content) < MAX_PAGE_BYTES


def test_training_page_without_place_or_link(client, imported):
    training = Training.objects.get(code="FOR.7172")
    html = client.get(reverse("catalog:training", args=[training.pk])).content.decode()
    assert "Nous ne connaissons pas d'établissement" in html
    assert client.get(reverse("catalog:training", args=[999_999])).status_code == 404


def test_recruiting_page_whole_region(client, imported, django_assert_num_queries):
    with django_assert_num_queries(7):
        response = client.get(reverse("catalog:recruiting"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Les métiers qui recrutent" in html
    # G0B41: 271 + 40 projects, the most in the sample region
    first_row = html.index("Ouvriers mécaniciens de véhicules")
    assert first_row < html.index("Conducteurs d&#x27;engins agricoles ou forestiers")
    assert "Pâtissier / Pâtissière" in html  # little known, in a family that recruits
    assert len(response.content) < MAX_PAGE_BYTES


def test_recruiting_page_by_department_and_by_basin(client, imported):
    html = client.get(reverse("catalog:recruiting"), {"departement": "80"}).content.decode()
    assert "Conducteurs d&#x27;engins agricoles ou forestiers" in html
    assert "Ouvriers mécaniciens de véhicules" not in html
    html = client.get(reverse("catalog:recruiting"), {"bassin": "3222"}).content.decode()
    assert "73</strong> projets" in html  # 33 bakers + 40 mechanics in Artois Ternois
    assert "Conducteurs d&#x27;engins" not in html


def test_recruiting_page_refuses_an_unknown_area(client, imported):
    response = client.get(reverse("catalog:recruiting"), {"departement": "75"})
    assert response.status_code == 200
    assert "Le formulaire contient des erreurs" in response.content.decode()


def test_recruiting_page_ranks_difficulty_only_with_enough_projects(client, imported):
    html = client.get(reverse("catalog:recruiting")).content.decode()
    section = html[html.index('id="difficiles"') : html.index('id="peu-connus"')]
    assert "Métier hors arborescence" not in section  # 12 projects: too few for a share


def test_pages_are_public(client, imported):
    training = Training.objects.get(code="FOR.2246")
    for url in (
        reverse("catalog:job", args=["D1102"]),
        reverse("catalog:training", args=[training.pk]),
        reverse("catalog:recruiting"),
    ):
        assert client.get(url).status_code == 200


def test_a_class_listed_by_two_sources_is_shown_once(client, imported):
    training = Training.objects.get(code="FOR.488")
    assert training.offers.count() == 2  # vocational-lycée headcounts and Parcoursup
    html = client.get(reverse("catalog:training", args=[training.pk])).content.decode()
    assert html.count('<th scope="row">Lycée Jean Moulin</th>') == 1
    assert "24 élèves" in html  # the row kept is the one that counts pupils


def test_job_page_says_what_recruits_near_the_chosen_commune(client, imported):
    html = client.get(reverse("catalog:job", args=["D1102"]), {"commune": "59350"}).content.decode()
    assert "Près de chez vous, dans le bassin d'emploi de Lille" in html
    assert "<strong>97</strong> projets de recrutement, dont 68 % jugés difficiles" in html


def test_training_page_gives_the_share_of_girls(client, imported):
    training = Training.objects.get(code="FOR.5821")
    html = client.get(reverse("catalog:training", args=[training.pk])).content.decode()
    assert "9 % de filles</strong> (35 élèves)" in html  # 1 + 2 girls of 20 + 15 pupils
