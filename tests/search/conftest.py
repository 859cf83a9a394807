import pytest

from orientation.search.enums import DocumentType
from orientation.search.models import SearchDocument
from orientation.search.places import forget_places
from orientation.search.selectors import forget_results
from orientation.search.services import search_index_replace
from orientation.search.text import analysed_names, analysed_text
from orientation.search.vocabulary import forget_vocabulary
from tests.territory.factories import CommuneFactory, DepartmentFactory


def document(
    type: str = DocumentType.JOB,
    *,
    object_id: int,
    title: str,
    alt: str = "",
    body: str = "",
    code: str = "",
    **fields,
) -> SearchDocument:
    url = f"/catalogue/metiers/{code}/" if type == DocumentType.JOB else f"/catalogue/formations/{object_id}/"
    return SearchDocument(
        type=type,
        object_id=object_id,
        code=code,
        title=title,
        url=url,
        title_terms=analysed_text(title),
        alt_terms=analysed_text(alt),
        names=analysed_names(title, *alt.split(" ; ")),
        body_terms=analysed_text(body),
        **fields,
    )


@pytest.fixture(autouse=True)
def _fresh_caches():
    forget_vocabulary()
    forget_places()
    forget_results()
    yield
    forget_vocabulary()
    forget_places()
    forget_results()


@pytest.fixture
def communes(db):
    pas_de_calais = DepartmentFactory(pas_de_calais=True)
    somme = DepartmentFactory(somme=True)
    return {
        "arras": CommuneFactory(
            insee_code="62041",
            name="Arras",
            department=pas_de_calais,
            population=41_000,
            latitude=50.2898,
            longitude=2.7659,
        ),
        "lens": CommuneFactory(
            insee_code="62498",
            name="Lens",
            department=pas_de_calais,
            population=31_000,
            latitude=50.4378,
            longitude=2.8240,
        ),
        "amiens": CommuneFactory(
            insee_code="80021", name="Amiens", department=somme, population=134_000, latitude=49.8941, longitude=2.2957
        ),
        "roubaix": CommuneFactory(roubaix=True),
    }


@pytest.fixture
def small_index(db, communes):
    """A dozen hand-written documents: jobs, trainings and places near Arras, Lens and Amiens."""
    arras, lens, amiens = communes["arras"], communes["lens"], communes["amiens"]
    documents = [
        document(
            object_id=1,
            code="D1102",
            title="Boulanger / Boulangère",
            alt="Boulanger-pâtissier / Boulangère-pâtissière ; Ouvrier boulanger / Ouvrière boulangère",
            body="Commerce alimentaire ; J'aime cuisiner",
            recruits=True,
            departments="59,62",
            boost=0.8,
        ),
        document(
            object_id=2,
            code="J1506",
            title="Infirmier / Infirmière en soins généraux",
            alt="Infirmier / Infirmière ; IDE",
            body="Soins infirmiers ; J'ai envie de soigner",
            recruits=True,
            departments="02,59,60,62,80",
            boost=0.9,
        ),
        document(
            object_id=3,
            code="A1501",
            title="Soigneur / Soigneuse d'animaux",
            alt="Soigneur animalier / Soigneuse animalière ; Animalier / Animalière de parc zoologique",
            body="Soins aux animaux ; J'aime les animaux",
            boost=0.5,
        ),
        document(
            object_id=4,
            code="I1604",
            title="Mécanicien / Mécanicienne automobile",
            alt="Mécanicien / Mécanicienne auto ; Garagiste",
            body="Maintenance automobile",
            recruits=True,
            departments="62",
            boost=0.7,
        ),
        document(
            object_id=5,
            code="M1203",
            title="Comptable",
            alt="Aide-comptable ; Comptable général / générale",
            body="Comptabilité, gestion",
            boost=0.6,
        ),
        document(
            object_id=6,
            code="A1408",
            title="Éleveur / Éleveuse de chevaux",
            alt="Palefrenier / Palefrenière",
            body="Élevage ; J'aime les animaux",
            little_known=True,
            boost=0.1,
        ),
        document(
            DocumentType.TRAINING,
            object_id=10,
            title="BTS Comptabilité et gestion",
            body="Brevet de technicien supérieur BTS Bac + 2",
            level=5,
            by_school=True,
            by_apprenticeship=True,
            departments="59,62",
            boost=0.6,
        ),
        document(
            DocumentType.TRAINING,
            object_id=11,
            title="CAP Boulanger",
            body="Certificat d'aptitude professionnelle CAP",
            level=3,
            by_school=True,
            departments="62",
            boost=0.5,
        ),
        document(
            DocumentType.TRAINING,
            object_id=12,
            title="Bac pro Maintenance des véhicules option voitures particulières",
            alt="Mécanicien / Mécanicienne automobile",
            body="Baccalauréat professionnel bac pro",
            level=4,
            by_school=True,
            by_apprenticeship=True,
            departments="62,80",
            boost=0.5,
        ),
        document(
            DocumentType.OFFER,
            object_id=20,
            title="Bac pro Maintenance des véhicules option voitures particulières",
            alt="Lycée Jacques Le Caron, Arras",
            body="bac pro ; Mécanicien / Mécanicienne automobile",
            level=4,
            by_school=True,
            departments="62",
            commune_name="Arras",
            latitude=arras.latitude + 0.01,
            longitude=arras.longitude,
        ),
        document(
            DocumentType.OFFER,
            object_id=21,
            title="Bac pro Maintenance des véhicules option voitures particulières",
            alt="Lycée Amiens",
            body="bac pro apprentissage ; Mécanicien / Mécanicienne automobile",
            level=4,
            by_apprenticeship=True,
            departments="80",
            commune_name="Amiens",
            latitude=amiens.latitude,
            longitude=amiens.longitude,
        ),
        document(
            DocumentType.OFFER,
            object_id=22,
            title="CAP Boulanger",
            alt="Lycée Lens",
            body="CAP",
            level=3,
            by_school=True,
            departments="62",
            commune_name="Lens",
            latitude=lens.latitude,
            longitude=lens.longitude,
        ),
    ]
    search_index_replace(documents)
    return {d.object_id: d for d in documents}
