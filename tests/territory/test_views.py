import re
from html import unescape

import pytest

from orientation.core.importing import ImportReport
from orientation.territory.importers import outlines as outline_import
from orientation.territory.models import Establishment
from tests.conftest import SAMPLES
from tests.territory.factories import (
    AcademyFactory,
    BasinFactory,
    CommuneFactory,
    DepartmentFactory,
    EstablishmentFactory,
    EstablishmentHeadcountFactory,
    RegionFactory,
)

MAX_PAGE_BYTES = 150_000


@pytest.fixture
def territory(db):
    nord = DepartmentFactory()
    somme = DepartmentFactory(somme=True)
    lille, roubaix = CommuneFactory(lille=True), CommuneFactory(roubaix=True)
    amiens = CommuneFactory(department=somme, insee_code="80021", name="Amiens", latitude=49.894, longitude=2.296)
    BasinFactory(name="Roubaix-Tourcoing", department=nord)
    BasinFactory(name="Amiens", department=somme)
    return {
        "nord": nord,
        "somme": somme,
        "rep_plus": EstablishmentFactory(name="Collège Albert Roussel", commune=roubaix, rep_plus=True),
        "rep": EstablishmentFactory(name="Collège Jean Macé", commune=lille, rep=True),
        "lycee": EstablishmentFactory(name="Lycée Faidherbe", commune=lille, lycee=True, ips="118.4"),
        "amiens": EstablishmentFactory(name="Collège Édouard Lucas", commune=amiens),
    }


def _text(response) -> str:
    return unescape(re.sub(r"\s+", " ", response.content.decode()))


def test_home_has_a_search_form_to_the_search_page_and_links_to_the_territory(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/")
    html = _text(response)
    assert '<form method="get" action="/recherche/" role="search"' in html
    assert 'name="q"' in html
    assert '<label for="recherche-q">' in html
    assert 'href="/territoire/"' in html


def test_overview_shows_academies_departments_figures_and_map(client, territory, django_assert_num_queries):
    with django_assert_num_queries(6):  # + 1: are there outlines to draw the map on?
        response = client.get("/territoire/")
    assert response.status_code == 200
    html = _text(response)
    assert "Le territoire : Hauts-de-France" in html
    assert 'href="/territoire/academies/09/">Académie de Lille</a>' in html
    assert 'href="/territoire/academies/20/">Académie d\'Amiens</a>' in html
    assert 'href="/territoire/departements/80/">Somme (80)</a>' in html
    assert "<caption>Chiffres par département</caption>" in html
    assert 'role="img"' in html
    assert html.count("<title>Collège") == 3  # the map shows collèges only
    assert "Voir la liste des collèges sous forme de tableau" in html
    assert 'href="/territoire/etablissements/?kind=COLLEGE"' in html
    assert "Données de démonstration" not in html


@pytest.fixture
def outlines(territory):
    """The hand-written sample outlines, imported by the real step (Lille, Roubaix, Amiens, Nord, Aisne)."""
    DepartmentFactory(aisne=True)
    outline_import.run_outlines(SAMPLES / "territory", ImportReport(), lambda _message: None)
    return territory


def test_overview_map_is_drawn_on_the_outlines_with_place_names(client, outlines, django_assert_num_queries):
    with django_assert_num_queries(8):  # the région, its départements, its largest towns
        html = client.get("/territoire/").content.decode()
    svg = html[html.index('<svg xmlns="http://www.w3.org/2000/svg"') : html.index("</svg>")]
    assert svg.count('class="map-border map-land"') == 2  # Aisne and Nord in the sample outlines
    assert 'class="map-border map-land"' in svg  # the région, as its départements
    names = re.findall(r"<text[^>]*>([^<]+)</text>", svg)
    assert "Nord" in names
    assert "Lille" in names
    assert svg.index('class="pn-rep-plus"') < svg.index('class="map-names"')  # names stay readable over the marks


def test_department_map_cuts_its_basins_at_its_border(client, outlines):
    html = client.get("/territoire/departements/59/").content.decode()
    svg = html[html.index('<svg xmlns="http://www.w3.org/2000/svg"') : html.index("</svg>")]
    assert svg.count('class="map-border"') == 1  # the Nord only: the Aisne is not drawn around it
    assert 'clip-path="url(#carte-decoupe)"' in svg
    assert '<clipPath id="carte-decoupe"><use href="#carte-contour"/></clipPath>' in svg  # its border, sent once


def test_establishment_mini_map_stresses_its_commune(client, outlines):
    college = outlines["rep_plus"]
    html = client.get(f"/territoire/etablissements/{college.uai}/").content.decode()
    assert html.count('class="map-focus"') == 1
    assert "La commune Roubaix est en couleur" in html
    assert ">Roubaix</text>" in html


def test_overview_labels_a_demo_territory(client, db):
    DepartmentFactory(academy=AcademyFactory(region=RegionFactory(is_demo=True)))
    assert "Données de démonstration" in client.get("/territoire/").content.decode()


def test_overview_stays_light_with_a_real_sized_territory(client, territory):
    roubaix = territory["rep_plus"].commune
    Establishment.objects.bulk_create(
        Establishment(
            uai=f"059{n:04d}B",
            name=f"Collège numéro {n} de la métropole lilloise",
            kind="COLLEGE",
            sector="PUBLIC",
            commune=roubaix,
            latitude=50.0 + n / 1000,
            longitude=3.0 + n / 1000,
        )
        for n in range(700)
    )
    response = client.get("/territoire/")
    assert len(response.content) < MAX_PAGE_BYTES
    assert response.content.decode().count("<title>Collège") == 703


def test_academy_page(client, territory, django_assert_num_queries):
    with django_assert_num_queries(5):
        response = client.get("/territoire/academies/20/")
    html = _text(response)
    assert "<h1>Académie d'Amiens</h1>" in html
    assert "<caption>Bassins d'emploi de l'académie</caption>" in html
    assert "Amiens</th>" in html  # the Somme's basin
    assert "Roubaix-Tourcoing" not in html
    assert 'href="/territoire/departements/80/">Somme (80)</a>' in html
    assert "Nord" not in html.split("<main", 1)[1]


def test_department_page_has_figures_map_table_link_and_basins(client, territory, django_assert_num_queries):
    with django_assert_num_queries(7):  # + 1: are there outlines to draw the map on?
        response = client.get("/territoire/departements/59/")
    html = _text(response)
    assert "<h1>Nord (59)</h1>" in html
    assert "dont 1 en REP et 1 en REP+" in html
    assert html.count("<title>") == 1 + 3  # the page title, then one per establishment of the Nord
    assert 'href="/territoire/etablissements/?department=59"' in html
    assert "Roubaix-Tourcoing" in html
    assert "Amiens</th>" not in html  # the Somme's basin is not listed here


@pytest.mark.parametrize(
    "url", ["/territoire/academies/99/", "/territoire/departements/99/", "/territoire/etablissements/0599999Z/"]
)
def test_unknown_places_answer_404(client, territory, url):
    assert client.get(url).status_code == 404


def test_establishment_list_is_paginated_and_filtered(client, territory, django_assert_num_queries):
    with django_assert_num_queries(3):
        response = client.get("/territoire/etablissements/")
    html = _text(response)
    assert "4 établissements." in html
    assert 'href="/territoire/etablissements/' + territory["rep_plus"].uai + '/">Collège Albert Roussel</a>' in html

    with django_assert_num_queries(3):
        response = client.get("/territoire/etablissements/?department=59&kind=COLLEGE&priority_network=REP_PLUS")
    html = _text(response)
    assert "1 établissement correspondant à vos critères." in html
    assert "Collège Albert Roussel" in html
    assert "Collège Jean Macé" not in html
    assert '<option value="59" selected>Nord (59)</option>' in html


def test_establishment_list_filters_by_commune_name(client, territory):
    html = _text(client.get("/territoire/etablissements/?commune=amien"))
    assert "Collège Édouard Lucas" in html
    assert "Lycée Faidherbe" not in html


def test_establishment_list_keeps_filters_in_pagination_links(client, territory):
    for n in range(25):
        EstablishmentFactory(commune=territory["rep"].commune, name=f"Collège Z{n:02d}")
    response = client.get("/territoire/etablissements/?department=59&kind=COLLEGE")
    html = response.content.decode()
    assert 'href="?department=59&amp;kind=COLLEGE&amp;page=2"' in html
    second = client.get("/territoire/etablissements/?department=59&kind=COLLEGE&page=2")
    assert "Page 2 sur 2" in second.content.decode()
    assert client.get("/territoire/etablissements/?page=9").status_code == 404
    assert client.get("/territoire/etablissements/?page=abc").status_code == 404


def test_establishment_list_explains_an_invalid_filter_in_french(client, territory):
    response = client.get("/territoire/etablissements/?kind=UNIVERSITE")
    html = _text(response)
    assert response.status_code == 200
    assert "Le formulaire contient des erreurs" in html
    assert "Sélectionnez un choix valide" in html
    assert "4 établissements." in html  # the invalid filter is ignored, the list still shows


def test_establishment_page_shows_identity_headcounts_ips_and_mini_map(client, territory, django_assert_num_queries):
    college = territory["rep_plus"]
    EstablishmentHeadcountFactory(establishment=college, level="6e", position=1, girls=51, boys=64)
    EstablishmentHeadcountFactory(establishment=college, level="5e", position=2, girls=None, boys=None, total=120)
    with django_assert_num_queries(4):  # + 1: are there outlines to draw the map on?
        response = client.get(f"/territoire/etablissements/{college.uai}/")
    html = _text(response)
    assert "<h1>Collège Albert Roussel</h1>" in html
    assert f"{college.uai} " in html
    assert "REP+</span> réseau d'éducation prioritaire renforcé" in html
    assert "Roubaix (59512)" in html
    assert "<caption>Élèves par niveau et par sexe, rentrée 2024</caption>" in html
    assert '<th scope="row">6e</th><td class="num">51</td><td class="num">64</td><td class="num">115</td>' in html
    assert "non connu" in html
    assert "L'IPS de cet établissement n'est pas connu." in html
    assert 'id="mini-carte"' in html
    assert "Latitude 50,6887, longitude 3,1843" in html


def test_establishment_page_explains_the_ips_when_known(client, territory):
    html = _text(client.get(f"/territoire/etablissements/{territory['lycee'].uai}/"))
    assert "118,4" in html
    assert "il tourne autour de 100" in html
    assert "Les effectifs par niveau ne sont pas publiés" in html


def test_establishment_page_without_coordinates_says_so(client, territory):
    college = EstablishmentFactory(commune=territory["rep"].commune, latitude=None, longitude=None)
    html = _text(client.get(f"/territoire/etablissements/{college.uai}/"))
    assert "Les coordonnées de cet établissement ne sont pas connues." in html
    assert "<svg" not in html.replace('<svg class="map-key', "")


def test_basin_list(client, territory, django_assert_num_queries):
    with django_assert_num_queries(2):
        html = _text(client.get("/territoire/bassins/"))
    assert "Roubaix-Tourcoing" in html
    assert "Amiens</th>" in html
    with django_assert_num_queries(3):
        html = _text(client.get("/territoire/bassins/?department=80"))
    assert "Roubaix-Tourcoing" not in html
    assert client.get("/territoire/bassins/?department=99").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/territoire/",
        "/territoire/academies/09/",
        "/territoire/departements/59/",
        "/territoire/etablissements/",
        "/territoire/bassins/",
    ],
)
def test_territory_pages_are_public(client, territory, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "style=" not in response.content.decode()
