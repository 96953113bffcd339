"""Actor types on text the rules were not built on: products, people the model typed as
organisations or places, places it typed as people, headline names, surnames — on
invented sentences."""

from __future__ import annotations

import pytest
import spacy

from dashboard.nlp.actor_clusters import cluster_mentions
from dashboard.nlp.actor_mentions import Mention, _given_name_first, is_product
from dashboard.nlp.gazetteer import gazetteer_from_dict, load_gazetteer


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def names(doc) -> list[str]:
    return [a["name"] for a in doc._.actors]


def actor(doc, name: str) -> dict | None:
    return next((a for a in doc._.actors if a["name"] == name), None)


def _mention(start: int, text: str, label: str) -> Mention:
    return Mention(start, start + len(text.split()), label, text)


@pytest.mark.parametrize(
    ("text", "start", "end", "product"),
    [
        ("Most phones now run Android .", 4, 5, True),  # listed
        ("They moved to Velora Linux last year .", 3, 5, True),  # product head
        ("Divers found the USS Marlow off the coast .", 3, 5, True),  # vehicle prefix
        ("Users of Tarvex 10 reported crashes .", 2, 3, True),  # version number after
        ("Users of Tarvex 8.1 reported crashes .", 2, 4, True),  # version number inside
        ("Fans can download the game Quarnix today .", 5, 6, True),  # product noun before
        ("The Zentro programming language is fast .", 1, 2, True),  # software kind after
        ("The Pfizer vaccine was approved .", 1, 2, False),  # a company before a product noun
        ("The Caos Linux Foundation said so .", 1, 4, False),  # organisation word
        ("Channel 4 aired the debate .", 0, 2, False),  # outlet noun
        ("The Tarn 2016 campaign ended .", 1, 2, False),  # a year is not a version
        ("Ann Kest said it was fine .", 0, 2, False),
    ],
)
def test_products_are_told_from_actors(blank, text, start, end, product):
    doc = blank(text)
    assert is_product(doc[start:end], load_gazetteer()) is product


@pytest.mark.parametrize(
    ("text", "start", "end", "person"),
    [
        ("The seat held by Elijah Cumber is open .", 4, 6, True),
        ("The seat held by Elijah-Jon Cumber is open .", 4, 6, True),  # hyphenated: first part
        ("They met in Elijah Park on Sunday .", 3, 5, False),  # used as a place
        ("The seat held by Velmar Cumber is open .", 4, 6, False),  # not a listed given name
    ],
)
def test_a_name_starting_with_a_given_name_is_a_person(blank, text, start, end, person):
    doc = blank(text)
    assert _given_name_first(doc[start:end], frozenset({"elijah"})) is person


@pytest.mark.parametrize(
    ("located", "given", "kind"),
    [
        (frozenset(), frozenset(), "PERSON"),
        (frozenset({"velmora"}), frozenset(), "GPE"),  # "in Velmora": a place
        (frozenset({"velmora"}), frozenset({"velmora"}), "PERSON"),  # a given name stays a person
    ],
)
def test_a_name_called_a_person_but_used_as_a_place_is_a_place(located, given, kind):
    mentions = [_mention(0, "Velmora", "PERSON"), _mention(8, "Velmora", "PERSON")]
    clusters = cluster_mentions(mentions, {}, load_gazetteer(), given_names=given, located=located)
    assert [c.type for c in clusters] == [kind]


@pytest.mark.parametrize(
    ("full", "short", "label"),
    [
        ("Walter Dean Oakes III", "Oakes", "ORG"),
        ("Walter Oakes Jr.", "Oakes", "PERSON"),
        ("Walter Oakes", "Oakes", "GPE"),
    ],
)
def test_a_surname_joins_the_one_person_even_after_a_generation_suffix(full, short, label):
    mentions = [_mention(0, full, "PERSON"), _mention(10, short, label), _mention(20, "Ann Kest", "PERSON")]
    clusters = cluster_mentions(mentions, {}, load_gazetteer())
    assert sorted((c.name, c.type, len(c.mentions)) for c in clusters) == [
        ("Ann Kest", "PERSON", 1),
        (full, "PERSON", 2),
    ]


def test_a_one_word_name_called_a_person_joins_the_outlet_it_starts():
    mentions = [_mention(0, "Fox News", "ORG"), _mention(10, "Fox", "PERSON")]
    clusters = cluster_mentions(mentions, {}, load_gazetteer())
    assert [(c.name, c.type, len(c.mentions)) for c in clusters] == [("Fox News", "ORG", 2)]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("The Velora Linux distribution was released on Monday, its lead developer Ann Kest said.", "Velora"),
        ("Fans can now download the game Quarnix for free, developer Jon Pell said.", "Quarnix"),
        ("Divers found the wreck of the USS Marlow off Okinawa, the Navy said. The Marlow sank in 1944.", "Marlow"),
        ("Users of Tarvex 10 reported crashes on Monday, Mira Holt said.", "Tarvex"),
        ("Most phones run Android, analyst Ann Kest said.", "Android"),
    ],
)
def test_products_and_software_are_not_actors(nlp, text, thing):
    doc = nlp(text)
    assert not [n for n in names(doc) if thing in n]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The House seat formerly held by Elijah Cumber is to be filled by mail-in vote.", "Elijah Cumber"),
        ("United States Senator from Vermont Bernie Sandler trailed him with 800 delegates.", "Bernie Sandler"),
        ("Presidential Spokesperson Harry Roake said the network must close.", "Harry Roake"),
        ("Sen. Marla Quist of Ohio voted against the bill on Tuesday.", "Marla Quist"),
        ("Gov. Dana Fellin spoke to reporters on Monday.", "Dana Fellin"),
        ("Follow Dana Kessler on Twitter for updates.", "Dana Kessler"),
        ("Chief Executive Carrie Lom said the bill was dead.", "Carrie Lom"),
        ("Astronomer Anthony Bocchetti led the team that found the planet.", "Anthony Bocchetti"),
    ],
)
def test_people_are_people_whatever_the_model_called_them(nlp, text, name):
    doc = nlp(text)
    found = actor(doc, name)
    assert found is not None and found["type"] == "PERSON", names(doc)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "junk"),
    [
        (
            "Hillary Vance Wins South Dakota Primary\n\n"
            "Voters in South Dakota gave Hillary Vance a clear win on Tuesday.",
            "Hillary Vance",
            "Hillary Vance Wins",
        ),
        (
            "Jeb Parr Super PAC Chief Praises Donor\n\nThe group backing Jeb Parr for president spent millions.",
            "Jeb Parr",
            "Jeb Parr Super",
        ),
    ],
)
def test_headline_words_run_into_a_name_are_cut_off(nlp, text, name, junk):
    doc = nlp(text)
    assert actor(doc, name) is not None and actor(doc, junk) is None, names(doc)


@pytest.mark.model
def test_a_possessor_after_in_is_not_a_place(nlp):
    from dashboard.nlp.actor_linker import _located
    from dashboard.nlp.actor_mentions import named_mentions

    doc = nlp("In Mara Quill's words, the plan failed. Protesters gathered in Tarvosa on Sunday.")
    mentions, _ = named_mentions(doc, load_gazetteer())
    located = _located(doc, mentions)
    assert "mara quill" not in located
    assert all("tarvosa" in k for k in located)


def test_a_known_person_takes_in_the_one_longer_form_that_fits():
    gazetteer = gazetteer_from_dict({"actor": [{"name": "Ann Kest", "type": "PERSON"}]})
    mentions = [
        _mention(0, "Ann B. Kest", "PERSON"),
        Mention(10, 12, "PERSON", "Ann Kest", gazetteer.known("Ann Kest")),
        _mention(20, "Kest", "PERSON"),
    ]
    clusters = cluster_mentions(mentions, {}, gazetteer)
    assert [(c.name, len(c.mentions)) for c in clusters] == [("Ann Kest", 3)]


@pytest.mark.parametrize(
    ("short", "merged"),
    [("Bernie", True), ("Velmar", False)],  # a listed nickname / not a given name
)
def test_a_given_name_called_an_organisation_joins_the_one_person_it_starts(short, merged):
    mentions = [_mention(0, f"{short} Sandler", "PERSON"), _mention(10, short, "ORG")]
    clusters = cluster_mentions(mentions, {}, load_gazetteer())
    assert (len(clusters) == 1) is merged


@pytest.mark.parametrize("cue", [True, False])
def test_a_person_cue_makes_an_organisation_name_and_its_full_name_a_person(cue):
    mentions = [
        _mention(0, "Vanessa Iampo", "ORG"),
        Mention(10, 11, "GPE", "Iampo", person_cue=cue),  # "said Iampo, who graduated …"
    ]
    clusters = cluster_mentions(mentions, {}, load_gazetteer())
    found = sorted((c.name, c.type, len(c.mentions)) for c in clusters)
    if cue:
        assert found == [("Vanessa Iampo", "PERSON", 2)]
    else:
        assert found == [("Iampo", "GPE", 1), ("Vanessa Iampo", "ORG", 1)]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "cue"),
    [
        ('"I do well," said Marta Velo, who graduated in 2009.', "Marta Velo", True),
        ("Marta Velo's parents paid for college.", "Marta Velo", True),
        ("Marta Velo's budget paid for college.", "Marta Velo", False),  # not a kin noun
        ("Volunteers in the Velo Valley who worked hard were thanked.", "Velo Valley", False),  # a place
    ],
)
def test_person_cues_after_a_name(nlp, text, name, cue):
    from dashboard.nlp.actor_mentions import _person_cue

    doc = nlp(text)
    start = next(t.i for t in doc if t.text == name.split()[0])
    mention = Mention(start, start + len(name.split()), "ORG", name)
    assert _person_cue(doc, mention, load_gazetteer()) is cue


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("Realistically, the plan will fail, Ann Kest said.", "Realistically", "Ann Kest"),
        ("The Log Cabin Republicans met in Cleveland, Mara Quill said.", "Log Cabin Republicans", "Mara Quill"),
    ],
)
def test_adverbs_and_groups_are_not_people(nlp, text, absent, present):
    doc = nlp(text)
    assert present in names(doc)
    assert absent not in [a["name"] for a in doc._.actors if a["type"] == "PERSON"]


@pytest.mark.model
def test_a_name_tagged_as_an_adverb_is_kept_when_it_recurs(nlp):
    doc = nlp("Gerry Connolly spoke first. Connolly, a lawyer, said no.")
    assert "Connolly" in actor(doc, "Gerry Connolly")["aliases"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("The NRA said it would fight the bill, Mara Quill said.", "NRA", "ORG"),
        ("Protesters gathered at Christendom Hall; Islam was the theme, Ann Kest said.", "Islam", None),
    ],
)
def test_acronyms_called_places_and_religions(nlp, text, name, kind):
    doc = nlp(text)
    found = actor(doc, name)
    assert (found["type"] if found else None) == kind


@pytest.mark.parametrize(
    ("counts", "merged_into"),
    [
        ((3, 1), "Ann Kest"),  # named three times against once: the surname is hers
        ((2, 1), "Ann Kest"),
        ((1, 1), None),  # a tie: unresolved
        ((3, 2), None),  # not twice as often
    ],
)
def test_a_shared_surname_goes_to_the_one_named_most_often(counts, merged_into):
    mentions = [_mention(10 * i, "Ann Kest", "PERSON") for i in range(counts[0])]
    mentions += [_mention(100 + 10 * i, "Bo Kest", "PERSON") for i in range(counts[1])]
    mentions.append(_mention(300, "Kest", "PERSON"))
    clusters = cluster_mentions(mentions, {}, load_gazetteer())
    owner = next(c.name for c in clusters if len(mentions) - 1 in c.mentions)
    assert owner == (merged_into or "Kest")


@pytest.mark.parametrize(
    ("full", "short", "merged"),
    [("Bashir al-Varan", "Varan", True), ("Bashir el-Varan", "Varan", True), ("Bashir Tal-Varan", "Varan", False)],
)
def test_a_surname_may_drop_its_particle(full, short, merged):
    mentions = [_mention(0, full, "PERSON"), _mention(10, short, "PERSON")]
    assert (len(cluster_mentions(mentions, {}, load_gazetteer())) == 1) is merged


@pytest.mark.model
@pytest.mark.parametrize("town", ["Tell Varka", "Ras al-Mura", "Deir Halim"])
def test_a_name_with_a_town_prefix_is_a_place(nlp, town):
    doc = nlp(f"Fighting spread to {town} and Ain Qasra on Monday, Mara Quill said.")
    assert not [a for a in doc._.actors if a["type"] != "GPE" and town.split()[-1] in a["name"]]


@pytest.mark.parametrize(
    ("texts", "names_"),
    [
        (["Washington Post", "Post"], ["Washington Post"]),  # a capital is not a country prefix
        (["UK Parliament", "Parliament"], ["Parliament"]),
        (["British Council", "Council"], ["Council"]),
    ],
)
def test_country_prefixes_but_not_capitals_merge_organisations(texts, names_):
    mentions = [_mention(10 * i, t, "ORG") for i, t in enumerate(texts)]
    assert [c.name for c in cluster_mentions(mentions, {}, load_gazetteer())] == names_


@pytest.mark.parametrize(
    ("text", "start", "end", "person"),
    [
        ("Lawyer Channing D. Phillips wrote back .", 1, 4, True),
        ("The Royal T. Bank wrote back .", 1, 4, False),  # organisation word
        ("The Channing Phillips Group wrote back .", 1, 4, False),  # no initial
    ],
)
def test_a_middle_initial_makes_a_person(blank, text, start, end, person):
    from dashboard.nlp.actor_mentions import _middle_initial

    doc = blank(text)
    assert _middle_initial(doc[start:end], load_gazetteer()) is person


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("PHILADELPHIA — Delegates met on Monday in Philadelphia, Mara Quill said.", "PHILADELPHIA", "GPE"),
        ("Attendees cheered as Mara Quill spoke in Boston.", "Attendees", None),
    ],
)
def test_datelines_stay_places_and_plural_openers_are_not_actors(nlp, text, name, kind):
    doc = nlp(text)
    found = next((a for a in doc._.actors if name in a["aliases"] or a["name"] == name), None)
    assert (found["type"] if found else None) == kind, [(a["name"], a["type"]) for a in doc._.actors]


@pytest.mark.parametrize(
    ("text", "start", "end", "organisation"),
    [
        ("The Marine Corps said so .", 1, 3, True),
        ("The Kelmar Police said so .", 1, 3, True),
        ("Margaret Court said so .", 0, 2, False),  # a given name: a person
        ("Bill Bank said so .", 0, 2, False),  # a nickname
        ("Ann Kest said so .", 0, 2, False),
    ],
)
def test_a_name_ending_in_an_organisation_word_is_an_organisation(blank, text, start, end, organisation):
    from dashboard.nlp.actor_mentions import _organisation_head

    doc = blank(text)
    given = frozenset({"margaret", "ann"})
    assert _organisation_head(doc[start:end], load_gazetteer(), given) is organisation


@pytest.mark.model
def test_the_sun_and_planets_are_not_actors(nlp):
    doc = nlp("The Sun and Neptune were observed by the Kelmar Observatory, Ann Kest said.")
    assert not {"Sun", "Neptune"} & set(names(doc))
