"""General corrections of the model's entities, on invented sentences."""

from __future__ import annotations

import pytest

from dashboard.nlp.actor_clusters import _fits, _variant, cluster_mentions
from dashboard.nlp.actor_mentions import Mention, _one_edit_apart
from dashboard.nlp.gazetteer import load_gazetteer


def people(doc) -> list[str]:
    return [a["name"] for a in doc._.actors if a["type"] == "PERSON"]


def names(doc) -> list[str]:
    return [a["name"] for a in doc._.actors]


def actor(doc, name: str) -> dict | None:
    return next((a for a in doc._.actors if a["name"] == name), None)


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        ("represenative", "representative", True),  # a letter left out
        ("senatr", "senator", True),
        ("ambasador", "ambassador", True),
        ("minsiter", "minister", True),  # two letters swapped
        ("presenter", "president", False),
        ("governor", "governor", False),  # equal is not a typo
        ("mayor", "mayors", True),
    ],
)
def test_one_edit_apart(a, b, near):
    assert _one_edit_apart(a, b) is near


@pytest.mark.parametrize(
    ("short", "long", "fits"),
    [
        (("bolton",), ("john", "r", "bolton"), True),
        (("john", "bolton"), ("john", "r", "bolton"), True),  # middle initial optional
        (("john", "bolton"), ("john", "r", "k", "bolton"), True),
        (("mary", "bolton"), ("john", "r", "bolton"), False),
        (("john", "r", "bolton"), ("john", "r", "bolton"), False),
        (("ann", "lee"), ("ann", "marie", "lee"), False),  # a middle name is not an initial
    ],
)
def test_person_name_fits_a_longer_one(short, long, fits):
    assert _fits(short, long, first_name=False) is fits


@pytest.mark.parametrize(
    ("short", "long", "first_surname", "fits"),
    [
        (("vazquez",), ("wanda", "vazquez", "garced"), True, True),  # the first of two surnames
        # a given name and a middle name: "Dena Minning" of "Dena Minning Grayson" is hers, but "Gloria Morgan
        # Vanderbilt" was the mother of the Gloria Vanderbilt the article was about
        (("wanda", "vazquez"), ("wanda", "vazquez", "garced"), True, False),
        (("vazquez",), ("wanda", "vazquez", "garced"), False, False),  # the caller said no (a given name)
        (("vazquez",), ("ana", "maria", "vazquez", "garced"), True, False),  # only given name + two surnames
        (("vazquez",), ("wanda", "j", "vazquez"), True, True),  # (the surname itself, as before)
        (("j",), ("wanda", "j", "vazquez"), True, False),  # an initial is no surname
        (("nancy", "reagan"), ("nancy", "davis", "reagan"), True, False),  # given name and surname: no
    ],
)
def test_first_of_two_surnames(short, long, first_surname, fits):
    assert _fits(short, long, first_name=False, first_surname=first_surname) is fits


@pytest.mark.model
def test_the_first_of_two_surnames_is_the_same_person(nlp):
    doc = nlp("Governor Ramona Ibáñez Torres signed the law on Monday. Critics of Ibáñez said the vote was rushed, "
              "and Ibáñez replied that the island could not wait.")
    assert [p for p in people(doc) if "Ibáñez" in p] == ["Ramona Ibáñez Torres"]


@pytest.mark.model
def test_a_middle_given_name_is_not_taken_for_a_surname(nlp):
    doc = nlp("Anna Maria Holt chairs the board. Maria, her aunt, told reporters the board would meet again.")
    assert "Anna Maria Holt" in people(doc)
    assert len([s for s in doc.spans["actor_mentions"] if s.text == "Maria"
                and actor(doc, "Anna Maria Holt") and s.kb_id_ == actor(doc, "Anna Maria Holt")["id"]]) == 0


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "count"),
    [
        (
            "Adviser Peter K. Halvorsen quit on Monday. Peter Halvorsen said he had no regrets. "
            "Halvorsen left the city.",
            "Peter K. Halvorsen",
            3,
        ),
        (
            "Maria T. Olsen won the race. Voters backed Maria Olsen again, and Olsen thanked them.",
            "Maria T. Olsen",
            3,
        ),
    ],
)
def test_middle_initials_are_one_person(nlp, text, name, count):
    doc = nlp(text)
    assert [p for p in people(doc) if name.split()[-1] in p] == [name]
    ids = {a["id"] for a in doc._.actors if a["name"] == name}
    assert len([s for s in doc.spans["actor_mentions"] if s.kb_id_ in ids]) == count


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("Officials plan to turn the Grand Orlov Museum into a library, Mayor Ann Kest said.", "Orlov"),
        ("Tourists crowded Santa Varinka, formerly a church and now a museum, on Sunday.", "Varinka"),
        ("Pilgrims gathered at Masjid Al-Noor on Friday, a cleric said.", "Noor"),
        ("Some services are still open, including the health services Medilink and Carewell.", "Medilink"),
        ("Some services are still open, including the health services Medilink and Carewell.", "Carewell"),
        ("Police said the crowd had left Mount Varo by noon.", "Varo"),
    ],
)
def test_buildings_places_and_things_are_not_actors(nlp, text, thing):
    doc = nlp(text)
    assert not [n for n in names(doc) if thing in n and doc._.actors and actor(doc, n)["type"] != "GPE"]


@pytest.mark.model
def test_a_name_beside_a_settlement_noun_is_a_place(nlp):
    doc = nlp("Ministers met in Tarvosa, Kelmar's capital, for a summit.")
    assert all(a["type"] == "GPE" for a in doc._.actors if "Tarvosa" in a["name"])


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "office"),
    [
        ("The Senate Minority Leader, Chuck Ellison, said the bill would fail.", "Senate"),
        ("Mara Quill, the Speaker of the Assembly, said the vote would go ahead.", "Assembly"),
        ("Documents were requested from Secretary of State Tom Varga on Friday.", "State"),
    ],
)
def test_names_used_only_inside_office_titles_are_not_actors(nlp, text, office):
    doc = nlp(text)
    assert office not in names(doc)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        '"We will win," Senator Ruth Alder wrote on Twitter.',
        'Activist Joshua Lin on Twitter: "They must go."',
        "Lena Varga said via Telegram that she would return.",
    ],
)
def test_platforms_used_as_a_medium_are_not_actors(nlp, text):
    doc = nlp(text)
    assert not {"Twitter", "Telegram"} & set(names(doc))


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The chair of the panel, Represenative Adam Kessler, questioned the plan.", "Adam Kessler"),
        ("On Sunday Presidents Olu Badmus of Kelmar and Jean Tardieu of Varsa signed the deal.", "Olu Badmus"),
        ("Former Ambassador to the United Nations Nora Velt wrote a letter.", "Nora Velt"),
        ("First Minister of Scotland Moira Calder said the ruling was clear.", "Moira Calder"),
        ("Representatives Eliot Brandt, Adam Kessler, and Elijah Cumber signed the letter.", "Elijah Cumber"),
        ("Representatives Eliot Brandt, Adam Kessler, and Elijah Cumber signed the letter.", "Eliot Brandt"),
    ],
)
def test_people_after_titles_or_beside_people_are_found(nlp, text, name):
    doc = nlp(text)
    assert name in people(doc)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "not_a_person"),
    [
        ("General Motors Company cut jobs, analysts said.", "Motors Company"),
        ("The Senator met voters in Lake Town on Friday.", "Lake Town"),
    ],
)
def test_title_rule_does_not_invent_people(nlp, text, not_a_person):
    doc = nlp(text)
    assert not_a_person not in people(doc)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The men worked for the Brigade de Recherche et d’Intervention, an elite unit.",
            "Brigade de Recherche et d’Intervention",
        ),
        ("Funds went to the Banco de Fomento y Desarrollo last year.", "Banco de Fomento y Desarrollo"),
    ],
)
def test_organisation_names_go_on_across_foreign_linkers(nlp, text, name):
    doc = nlp(text)
    assert name in names(doc)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("The judges said the Court will make an Order declaring the act void.", "Order"),
        ("The Calvanian Civil War began in 2011, Ana Ruiz said.", "Calvanian Civil War"),
        ("Ivo Brandt was named National Security Advisor on Monday.", "National Security Advisor"),
    ],
)
def test_common_nouns_events_and_titles_are_not_actors(nlp, text, bad):
    doc = nlp(text)
    assert bad not in names(doc)


@pytest.mark.model
def test_a_surname_the_model_calls_a_place_joins_the_person(nlp):
    doc = nlp(
        "Journalist Jamal Rashidi was killed in 2018. Investigators said Rashidi's killing was planned. "
        "The killers of Rashidi were never tried."
    )
    rashidi = [a for a in doc._.actors if "Rashidi" in a["name"]]
    assert [(a["name"], a["type"]) for a in rashidi] == [("Jamal Rashidi", "PERSON")]


@pytest.mark.model
def test_a_one_word_organisation_joins_the_one_longer_name_it_starts(nlp):
    doc = nlp("The Court of Session ruled on Wednesday. The Court said the act was void.")
    assert [n for n in names(doc) if "Court" in n] == ["Court of Session"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ('"I disagreed with him, as did others in the Administration," Ola Brandt wrote.', "Administration"),
        ("Ola Brandt vowed to destroy the Economy of Kelmar if it went ahead.", "Economy"),
        ("Masks are required on the Tube from Monday, Ola Brandt said.", "Tube"),
        ('"The WH statement shows no understanding," Senator Ola Brandt tweeted.', "WH"),
    ],
)
def test_lone_common_words_and_undefined_abbreviations_are_not_actors(nlp, text, bad):
    assert bad not in names(nlp(text))


@pytest.mark.model
def test_a_defined_two_letter_abbreviation_stays(nlp):
    doc = nlp("The Kelmar Union (KU) met on Monday. Later the KU said the deal was off.")
    assert any(a["type"] == "ORG" and "KU" in a["aliases"] for a in doc._.actors)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Another gunman killed five in Varrow Falls, Wisconsin, last week.", "Varrow Falls"),
        ("The border crossing between Tarvosa and Ciudad Velmar, Mexico, was closed.", "Ciudad Velmar"),
    ],
)
def test_a_name_before_a_comma_and_a_place_is_a_place(nlp, text, place):
    assert all(a["type"] == "GPE" for a in nlp(text)._.actors if place in a["name"])


@pytest.mark.model
def test_a_source_before_a_comma_and_a_country_stays_an_organisation(nlp):
    doc = nlp("According to CNN, Turkey has two million refugees.")
    assert actor(doc, "CNN") is not None and actor(doc, "CNN")["type"] == "ORG"


@pytest.mark.model
def test_a_person_glued_to_the_organisation_before_is_split(nlp):
    doc = nlp('"It is wrong," Kelmar director of Amnesty International Man-kei Tam said in a statement.')
    assert "Man-kei Tam" in people(doc)
    assert "Amnesty International" in names(doc)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Varda Holdings paid the fees. Varda denied any wrongdoing.", "Varda Holdings", "ORG"),
        (
            "The House of Representatives voted. The House Judiciary Committee met. The House adjourned.",
            "House of Representatives",
            "ORG",
        ),
    ],
)
def test_a_one_word_name_joins_the_organisation_it_starts(nlp, text, name, kind):
    doc = nlp(text)
    first = name.split()[0]
    assert [(a["name"], a["type"]) for a in doc._.actors if a["name"].split()[0] == first][0] == (name, kind)
    assert first not in names(doc)


@pytest.mark.model
def test_a_name_with_a_role_beside_it_is_a_person(nlp):
    doc = nlp("Rosselló is set to be replaced by Wanda Vázquez Garced, the Secretary of Justice for Puerto Rico.")
    assert "Wanda Vázquez Garced" in people(doc)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("The Coastal Fishing Protection Act was passed on Monday, Senator Ann Corvell said.", "Fishing"),
        ("Lawmakers debated the Harbour Reform Bill, which Mara Lind opposed.", "Harbour"),
        ("Ministers signed the Varsa Trade Agreement in Kelmar.", "Varsa"),
        ("Doctors said Northern Valley Fever had spread, according to Tom Brandt.", "Valley"),
        ("The Kelmar Respiratory Syndrome spread quickly, Ann Corvell said.", "Respiratory"),
        ("The Bill of Digital Rights was rejected by the Kelmar Party.", "Rights"),
        ("The code is released under the Open Kelmar Public License, Ann Corvell said.", "License"),
        ("The new game costs USD 26.95 and sells well, Tom Brandt said.", "USD"),
        ("He won the George Varkel Prize and the Kelmar Medal, Ann Corvell said.", "Varkel"),
        ("He won the George Varkel Prize and the Kelmar Medal, Ann Corvell said.", "Medal"),
    ],
)
def test_laws_diseases_licences_and_money_are_not_actors(nlp, text, thing):
    doc = nlp(text)
    assert not [n for n in names(doc) if thing in n]


@pytest.mark.model
def test_an_acronym_defined_for_a_law_is_not_an_actor(nlp):
    doc = nlp("The Digital Harbour Copyright Act (DHCA) was used. Critics say the DHCA is too broad.")
    assert not [n for n in names(doc) if "DHCA" in n or "Copyright" in n]


@pytest.mark.model
def test_a_surname_that_is_a_law_word_stays_a_person(nlp):
    doc = nlp("Actor Jude Law said he would return to the stage next year.")
    assert "Jude Law" in people(doc)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("In an interview with Dawn, she said she had been threatened.", "Dawn"),
        ("Ann Corvell told Wikinews that the project had grown.", "Wikinews"),
        ("The news agency Varsanet reported that the talks had failed.", "Varsanet"),
        ("Tom Brandt was the editor of Kelmar Chess Magazine for years.", "Kelmar Chess Magazine"),
    ],
)
def test_outlets_are_organisations(nlp, text, outlet):
    doc = nlp(text)
    found = [a for a in doc._.actors if outlet in a["name"]]
    assert found and all(a["type"] == "ORG" for a in found)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Finnish video game developer Perttu Ahola discussed Minetest with reporters.", "Perttu Ahola"),
        (
            "The first victim was 40-year-old Skandaraj Navaratnam, a former employee of the firm.",
            "Skandaraj Navaratnam",
        ),
    ],
)
def test_people_the_model_calls_organisations(nlp, text, name):
    doc = nlp(text)
    assert name in people(doc)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "other"),
    [
        (
            "Richard K. Guy taught at the university. Richard Kenneth Guy was born in 1916.",
            "Richard Kenneth Guy",
            "Richard K. Guy",
        ),
        (
            "Mitchell Stoltz is a lawyer. Mitch Stoltz said the notice was wrong.",
            "Mitchell Stoltz",
            "Mitch Stoltz",
        ),
    ],
)
def test_full_middle_names_and_nicknames_are_one_person(nlp, text, name, other):
    doc = nlp(text)
    assert name in people(doc) and other not in names(doc)
    assert other in actor(doc, name)["aliases"]


@pytest.mark.model
def test_a_shorter_organisation_name_that_ends_a_longer_one_is_it(nlp):
    doc = nlp("The Daily Telegraph reported the attack. The Telegraph said three people died.")
    assert "Telegraph" not in names(doc)


@pytest.mark.model
def test_an_organisation_prefixed_by_a_known_organisation_is_one_actor(nlp):
    doc = nlp("Ann Corvell spoke to the UN General Assembly. The General Assembly later voted.")
    assert len([n for n in names(doc) if "General Assembly" in n]) == 1


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (("richard", "k", "guy"), ("richard", "kenneth", "guy"), True),
        (("mitch", "stoltz"), ("mitchell", "stoltz"), True),
        (("bill", "j", "clinton"), ("william", "jefferson", "clinton"), True),
        (("richard", "k", "guy"), ("richard", "m", "guy"), False),
        (("richard", "kenneth", "guy"), ("richard", "karl", "guy"), False),
        (("mitch", "stoltz"), ("michael", "stoltz"), False),
        (("ann", "lee"), ("ann", "lee"), False),  # the same name is not a variant
    ],
)
def test_variants_of_one_full_name(a, b, same):
    assert _variant(a, b, load_gazetteer()) is same


def _mention(start: int, text: str, label: str) -> Mention:
    return Mention(start, start + len(text.split()), label, text)


@pytest.mark.parametrize(
    ("place_names", "merged"),
    [(frozenset(), True), (frozenset({"jamal"}), False)],  # "in Jamal" makes it a place
)
def test_a_given_name_tagged_as_a_place_joins_the_one_person_it_starts(place_names, merged):
    mentions = [
        _mention(0, "Jamal Khashoggi", "PERSON"),
        _mention(5, "Jamal", "GPE"),
        _mention(9, "Hatice Cengiz", "PERSON"),
    ]
    clusters = cluster_mentions(mentions, {}, load_gazetteer(), place_names=place_names)
    assert (len(clusters) == 2) is merged


@pytest.mark.parametrize(
    ("texts", "count"),
    [
        (["Daily Telegraph", "Telegraph"], 1),
        (["Daily Telegraph", "Sunday Telegraph", "Telegraph"], 3),  # two fit: unresolved
        (["UN General Assembly", "General Assembly"], 1),
        (["Kelmar General Assembly", "General Assembly"], 2),  # "Kelmar" is not a known organisation
    ],
)
def test_organisation_names_inside_longer_ones(texts, count):
    mentions = [_mention(10 * i, t, "ORG") for i, t in enumerate(texts)]
    assert len(cluster_mentions(mentions, {}, load_gazetteer())) == count


@pytest.mark.model
def test_a_party_and_state_in_brackets_is_not_an_actor(nlp):
    doc = nlp("State Del. Maria Lopez (D-Newport News) said the harbour would reopen.")
    assert [e.text for e in doc.ents if e.text.startswith("D-")]  # the model takes it for a name
    assert not [n for n in names(doc) if n.startswith("D-")]
    assert any("Lopez" in n for n in names(doc))


@pytest.mark.parametrize(
    ("texts", "name"),
    [
        # a headline run into the name once; the name on its own twice
        (["Sign Of Leadership Maria Lopez", "Maria Lopez", "Maria Lopez", "Lopez"], "Maria Lopez"),
        # a longer form seen once, when the shorter full name is seen once too
        (["Anna Maria Lopez", "Maria Lopez", "Lopez"], "Anna Maria Lopez"),
        # a longer form seen twice is the name
        (["Anna Maria Lopez", "Anna Maria Lopez", "Maria Lopez", "Maria Lopez"], "Anna Maria Lopez"),
    ],
)
def test_the_name_of_a_person_is_its_longest_form_but_not_a_headline_run_into_it(texts, name):
    mentions = [_mention(10 * i, t, "PERSON") for i, t in enumerate(texts)]
    clusters = cluster_mentions(mentions, {}, load_gazetteer())
    assert [c.name for c in clusters] == [name]


@pytest.mark.model
def test_a_surname_that_is_a_peoples_name_is_the_person(nlp):
    doc = nlp('Investor Mark Cuban may run. "It is too early to tell," Cuban said on Sunday.')
    assert [a["name"] for a in doc._.actors] == ["Mark Cuban"]
    assert doc._.quotes[0]["speaker"] == "Mark Cuban"
    assert [a["name"] for a in nlp("Cuban officials said the talks went well.")._.actors] == ["Cuba"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a dotted acronym is a name (it has no letter-only word)
        ("The K.H.A. said on Monday that it would review the harbour rules.", "K.H.A."),
        # a title word after "for" is the object of the name, not a role
        ("Citizens for Harbour Justice, a research group, said the plan was unfair.", "Citizens for Harbour Justice"),
    ],
)
def test_organisation_names_that_look_like_no_name_or_a_role(nlp, text, name):
    doc = nlp(text)
    assert [e.text for e in doc.ents if e.text == name]  # the model found the name
    assert name in names(doc)


@pytest.mark.parametrize(
    ("text", "foreign"),
    [
        ('The winner, Anna Petrova of Moscow, wrote on the board: "Скажем, Одной командой мы сделаем это. Тюмень '
         'ждёт." The judges praised her.', "Тюмень"),
        ('Organisers quoted the motto "Свою работу делай хорошо" in Russian, and Maria Lopez translated it.', "Свою"),
    ],
)
def test_lone_words_in_another_script_are_not_actors(nlp, text, foreign):
    """The English model types single Cyrillic words as people and organisations at random."""
    doc = nlp(text)
    assert foreign not in names(doc)
    assert [p for p in people(doc) if p in ("Anna Petrova", "Maria Lopez")]  # the Latin names stay


def test_a_whole_name_in_another_script_stays(nlp):
    doc = nlp("The prize went to a team led by Дмитрий Кошелев, a surgeon from Tyumen, who thanked the judges.")
    assert "Дмитрий Кошелев" in people(doc)


@pytest.mark.parametrize(("text", "foreign"), [("Тюмень", True), ("习近平", True), ("Zürich", False),
                                               ("Erdoğan", False), ("F-16", False), ("2024", False)])
def test_foreign_script(text, foreign):
    from dashboard.nlp.actor_names import foreign_script

    assert foreign_script(text) is foreign


@pytest.mark.parametrize(
    ("texts", "count"),
    [
        (["Wanda Vázquez Garced", "Vázquez"], 1),  # the first of two surnames
        (["WANDA VÁZQUEZ RESIGNS", "Vázquez"], 2),  # a headline in capitals is no person's name
        (["Wanda Vázquez: Saying", "Vázquez"], 2),  # nor words run into a name
        (["Hillary Clinton Foundation", "Clinton"], 2),  # nor an organisation the model called a person
        (["Anna Maria Holt", "Maria"], 2),  # a given name is no first surname
        (["John Luk", "John Luk Jok", "Luk"], 2),  # a name it is the surname of comes first (as before)
    ],
)
def test_a_first_surname_joins_only_a_persons_name(texts, count):
    mentions = [_mention(10 * i, t, "PERSON") for i, t in enumerate(texts)]
    assert len(cluster_mentions(mentions, {}, load_gazetteer(), given_names=frozenset({"maria", "anna", "wanda"}))) \
        == count
