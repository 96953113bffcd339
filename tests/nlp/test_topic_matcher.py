"""The topic_matcher component and its taxonomy (data/topics.toml)."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
import spacy

from dashboard import settings
from dashboard.articles import read_article
from dashboard.errors import DataFileError
from dashboard.nlp import TOPICS
from dashboard.nlp.topic_matcher import (
    TopicFinder,
    TopicMatch,
    build_topic_finder,
    hyphen_forms,
    load_taxonomy,
    parse_taxonomy,
    plural,
    topic_spans,
    without_nested,
)

BRIEF_TOPICS = ("arms control", "Iran", "Afghanistan", "climate")
# Our names for the gold's names, where they differ (documented in data/topics.toml).
GOLD_NAMES = {"diplomacy and summit": "diplomacy", "ambassador recall": "embassies and envoys"}


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def shipped(blank):
    """The shipped taxonomy on a blank pipeline: words only, no lemmas."""
    return TopicFinder(blank, load_taxonomy(settings.TOPICS_FILE))


def topics_in(doc, finder) -> set[str]:
    return {m.topic for m in finder.match(doc)}


# --- the taxonomy file -------------------------------------------------------------------


def test_shipped_taxonomy_has_the_required_topics():
    names = {t.name for t in load_taxonomy(settings.TOPICS_FILE).topics}
    required = {*BRIEF_TOPICS, "Ukraine", "election interference", "cyber", "military build-up"}
    assert required <= names
    assert set(GOLD_NAMES.values()) <= names


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"topic": {"name": "x"}}, "array of tables"),
        ({"topic": [{"terms": ["a"]}]}, "'name'"),
        ({"topic": [{"name": "x"}]}, "'terms'"),
        ({"topic": [{"name": "x", "terms": []}]}, "'terms'"),
        ({"topic": [{"name": "x", "terms": ["a", 3]}]}, "'terms'"),
        ({"topic": [{"name": "x", "terms": ["a"], "term": ["b"]}]}, "unknown key"),
        ({"topic": [{"name": "x", "terms": ["a"]}, {"name": "x", "terms": ["b"]}]}, "twice"),
        ({"topic": [], "spellings": {"colour": 1}}, "spellings"),
    ],
)
def test_bad_taxonomy_is_a_data_file_error(data, message):
    with pytest.raises(DataFileError, match=message):
        parse_taxonomy(data)


def test_bad_toml_file_names_the_file(tmp_path):
    path = tmp_path / "topics.toml"
    path.write_text("[[topic]\nname = ", encoding="utf-8")
    with pytest.raises(DataFileError, match="topics.toml"):
        load_taxonomy(path)


# --- variants ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("programme", "programmes"),
        ("troop", "troops"),
        ("embassy", "embassies"),
        ("day", "days"),
        ("tax", "taxes"),
        ("warship", "warships"),
        ("talks", None),
        ("Iran", None),
        ("co2", None),
    ],
)
def test_plural(word, expected):
    assert plural(word) == expected


@pytest.mark.parametrize(
    ("term", "forms"),
    [
        ("build-up", ("build-up", "buildup", "build up")),
        ("arms control", ("arms control",)),
    ],
)
def test_hyphen_forms(term, forms):
    assert hyphen_forms(term) == forms


@pytest.mark.parametrize(
    ("matches", "kept"),
    [
        ([(0, 3, "Iran"), (1, 3, "Iran")], [(0, 3, "Iran")]),  # nested: dropped
        ([(0, 3, "Iran"), (1, 3, "arms control")], [(0, 3, "Iran"), (1, 3, "arms control")]),
        ([(0, 2, "cyber"), (1, 3, "cyber")], [(0, 2, "cyber"), (1, 3, "cyber")]),  # overlap
        ([(4, 5, "cyber"), (4, 5, "cyber"), (0, 1, "cyber")], [(0, 1, "cyber"), (4, 5, "cyber")]),
    ],
)
def test_without_nested(matches, kept):
    result = without_nested(TopicMatch(*m) for m in matches)
    assert [(m.start, m.end, m.topic) for m in result] == kept


# --- word matching (no lemmas needed) ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("Talks covered strategic stability.", {"arms control", "diplomacy"}),
        ("ARMS CONTROL is back.", {"arms control"}),
        ("They discussed the Iranian nuclear programme.", {"Iran", "arms control"}),
        ("Two nuclear programmes and a nuclear program.", {"arms control"}),
        ("Nuclear Programs were expanded.", {"arms control"}),
        ("They pledged to fight global climate change.", {"climate"}),
        ("The Taliban entered Kabul.", {"Afghanistan"}),
        ("Fighting in Donbas, near Kyiv and Kiev.", {"Ukraine"}),
        ("Ukraine’s borders were closed.", {"Ukraine"}),
        ("They denied election meddling.", {"election interference"}),
        ("A cyber-attack, a cyberattack and a cyber attack.", {"cyber"}),
        ("Cyber intrusions rose.", {"cyber"}),
        ("A military buildup, a build-up, a build up.", {"military build-up"}),
        ("Fresh troops arrived.", {"military build-up"}),
        ("A summit was proposed.", {"diplomacy"}),
        ("The embassies and consulates closed.", {"embassies and envoys"}),
        ("Its missile defense and missile defence systems.", {"arms control"}),
        ("The political climate is tense.", set()),
        ("He studied cybernetics and Iranistics.", set()),
    ],
)
def test_terms_match_words_any_case(blank, shipped, text, topics):
    assert topics_in(blank(text), shipped) == topics


def test_nested_terms_count_once(blank, shipped):
    doc = blank("the Iranian nuclear programme")
    arms = [m for m in shipped.match(doc) if m.topic == "arms control"]
    assert [doc[m.start : m.end].text for m in arms] == ["nuclear programme"]


def test_in_memory_taxonomy(blank):
    finder = build_topic_finder(
        blank,
        {
            "topic": [{"name": "colour", "terms": ["colour scheme"]}],
            "spellings": {"colour": "color"},
        },
    )
    doc = blank("Two color schemes and a colour scheme.")
    spans = topic_spans(doc, finder)
    assert [(s.text, s.label_) for s in spans] == [
        ("color schemes", "colour"),
        ("colour scheme", "colour"),
    ]
    assert TOPICS not in doc.spans  # topic_spans does not change the Doc


def test_topic_added_in_a_toml_file_is_matched(tmp_path):
    path = tmp_path / "topics.toml"
    path.write_text(
        '[[topic]]\nname = "space"\nterms = ["space station", "astronaut"]\n', encoding="utf-8"
    )
    nlp = spacy.blank("en")
    nlp.add_pipe("topic_matcher", config={"taxonomy_path": str(path)})
    doc = nlp("Two astronauts reached the International Space Station.")
    assert [(s.text, s.label_) for s in doc.spans[TOPICS]] == [
        ("astronauts", "space"),
        ("Space Station", "space"),
    ]


def test_a_failing_match_is_recorded_not_raised(tmp_path):
    path = tmp_path / "topics.toml"
    path.write_text('[[topic]]\nname = "x"\nterms = ["y"]\n', encoding="utf-8")
    nlp = spacy.blank("en")
    component = nlp.add_pipe("topic_matcher", config={"taxonomy_path": str(path)})

    class Broken:
        def match(self, doc):
            raise ValueError("boom")

    component.finder = Broken()
    doc = nlp("y")
    assert len(doc.spans[TOPICS]) == 0
    assert doc._.problems == ["topic_matcher: ValueError: boom"]


# --- lemma matching (real pipeline) -----------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Russia meddled in the vote.", "election interference"),
        ("They keep meddling in other countries.", "election interference"),
        ("The agency ran influence operations.", "election interference"),
        ("Criminals hacked the servers.", "cyber"),
        ("Both sides negotiated for a week.", "diplomacy"),
        ("They were building up forces in the north.", "military build-up"),
        ("The minister recalled its ambassador.", "embassies and envoys"),
        ("It expelled diplomats on Monday.", "embassies and envoys"),
    ],
)
def test_terms_match_inflections(nlp, text, topic):
    doc = nlp(text)
    assert topic in {s.label_ for s in doc.spans[TOPICS]}


@pytest.mark.model
def test_reference_article_topics_in_gold_paragraphs(nlp):
    from dashboard.extract import extract_tables

    article = read_article(settings.ARTICLES_DIR / "biden-putin-summit.txt")
    tables = extract_tables(nlp(article.text), article)
    found: dict[str, set[int]] = defaultdict(set)
    for mention in tables.topic_mentions:
        found[mention.topic].add(mention.paragraph)
    gold = json.loads((settings.GOLD_DIR / "biden-putin-summit.json").read_text(encoding="utf-8"))
    gold_topics = {k: v for k, v in gold["topics"].items() if k != "note"}
    for name in BRIEF_TOPICS:
        assert sorted(found[name]) == gold_topics[name], name
    for name, paragraphs in gold_topics.items():
        ours = GOLD_NAMES.get(name, name)
        print(f"{name:<22} gold {paragraphs}  found ({ours}) {sorted(found[ours])}")
