"""Doc → topic mention records: paragraph, sentence and source offsets."""

from __future__ import annotations

import pytest
import spacy

from dashboard.articles import parse_article
from dashboard.extract.positions import Positions
from dashboard.extract.topics import topic_mentions
from dashboard.nlp import paragraph_breaks, topic_matcher  # noqa: F401 - registers the components


@pytest.fixture(scope="module")
def nlp(tmp_path_factory):
    path = tmp_path_factory.mktemp("topics") / "topics.toml"
    path.write_text(
        '[[topic]]\nname = "trade"\nterms = ["tariff", "free trade"]\n'
        '[[topic]]\nname = "farming"\nterms = ["farm"]\n',
        encoding="utf-8",
    )
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("paragraph_breaks")
    pipeline.add_pipe("topic_matcher", config={"taxonomy_path": str(path)})
    return pipeline


SOURCE = "Farm tariffs rise\n\nA  tariff hit farms. Free trade stalled.\n\nNothing here.\n"


@pytest.mark.parametrize(
    ("index", "topic", "paragraph", "sentence", "term"),
    [
        (0, "farming", 0, 1, "Farm"),
        (1, "trade", 0, 1, "tariffs"),
        (2, "trade", 1, 1, "tariff"),
        (3, "farming", 1, 1, "farms"),
        (4, "trade", 1, 2, "Free trade"),
    ],
)
def test_topic_mentions(nlp, index, topic, paragraph, sentence, term):
    article = parse_article(SOURCE, article_id="a", path="a.txt")
    doc = nlp(article.text)
    records = list(topic_mentions(doc, Positions(doc, article)))
    assert len(records) == 5
    record = records[index]
    assert (record.topic, record.paragraph, record.sentence, record.term) == (
        topic,
        paragraph,
        sentence,
        term,
    )
    assert SOURCE[record.start : record.end] == term
    assert record.article == "a"
