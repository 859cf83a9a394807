import pytest

from orientation.core.neutrality import check_text, is_neutral


@pytest.mark.parametrize(
    "text",
    [
        "",
        None,
        "Je suis boulangère depuis dix ans : je me lève tôt et j'aime voir les clients contents.",
        "Je travaille à Lille, dans une équipe de six personnes. On apprend le métier en CAP ou en bac pro.",
        "En début de carrière, le salaire est de 1 800 euros brut par mois.",
        "Le métier recrute beaucoup dans la région, il y a du travail partout.",
        "J'ai fait un BTS puis une licence professionnelle, il existe plusieurs chemins.",
        "Il faut 2 ans de formation et 50 % du temps se passe en entreprise.",
    ],
)
def test_neutral_texts_pass(text):
    assert check_text(text) == []
    assert is_neutral(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Plus d'infos sur https://boulangerie-paul.example/offres", "link"),
        ("Plus d'infos sur www.boulangerie-paul.fr", "link"),
        ("Voir boulangeriepaul.com pour la suite", "link"),
        ("Écrivez-moi : jean.dupont@exemple.fr", "email"),
        ("Appelez-moi au 06 12 34 56 78", "phone"),
        ("Appelez-moi au +33 6 12 34 56 78", "phone"),
        ("Appelez-moi au 03.20.12.34.56", "phone"),
        ("Avec le code promo ETE20 vous aurez un cadeau", "promo_code"),
        ("Cette semaine -20 % sur tout le magasin", "price"),
        ("Le pain est à 2,50 € seulement", "price"),
        ("Profitez des soldes d'hiver", "price"),
        ("Venez nous voir au magasin de Roubaix", "come_visit"),
        ("VENEZ NOUS RENDRE VISITE", "come_visit"),
        ("Retrouvez-nous dans nos agences de la métropole", "come_visit"),
        ("Achetez nos produits, notre marque est la meilleure", "brand"),
        ("Suivez-nous sur les réseaux", "brand"),
        ("Envoyez votre CV à la fin de l'intervention", "recruitment"),
        ("Nous recrutons des apprentis dès septembre", "recruitment"),
        ("Inscrivez-vous au lycée Faidherbe", "establishment_promotion"),
        ("C'est la meilleure école de la région", "establishment_promotion"),
        ("Rejoignez notre école, vous ne le regretterez pas", "establishment_promotion"),
    ],
)
def test_selective_advertising_is_detected(text, code):
    issues = check_text(text)
    assert code in [issue.code for issue in issues]
    assert not is_neutral(text)


def test_issue_has_french_reason_and_excerpt():
    [issue] = check_text("Bonjour à tous, écrivez à contact@paul.fr pour un stage")
    assert issue.code == "email"  # the domain of the address is not reported a second time as a link
    assert "adresse e-mail" in issue.reason
    assert "contact@paul.fr" in issue.excerpt


def test_one_issue_per_kind_in_stable_order():
    text = "Venez nous voir ! 06 12 34 56 78 ou 07 12 34 56 78, envoyez votre CV"
    codes = [issue.code for issue in check_text(text)]
    assert codes == ["phone", "come_visit", "recruitment"]
