"""The model's attribute_ruler matched with tables and array tests gives the matches and the
token attributes spaCy's Matcher gives, on text written for the test."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import LEMMA, MORPH, POS
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from dashboard.nlp.attribute_index import IndexedAttributeRuler, index_attribute_ruler
from dashboard.nlp.pipeline import model_name

TEXT = ("Ain't nobody gonna stop us, y'all: \"Let's go,\" said Ann Lee, who's gotta win. C'mon!\n\n"
        "There is nothin' the U.S. can't do; there were 3 of them in the '90s. It's what it's.  \n")


@pytest.mark.model
def test_the_model_patterns_match_as_the_matcher_does() -> None:
    model = spacy.load(model_name())
    ruler = model.get_pipe("attribute_ruler")
    with model.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        parsed = model(TEXT * 3)
    plain, indexed = Doc(model.vocab).from_bytes(parsed.to_bytes()), Doc(model.vocab).from_bytes(parsed.to_bytes())
    expected = sorted(set(ruler.match(plain)))
    index_attribute_ruler(ruler)
    assert isinstance(ruler, IndexedAttributeRuler)
    assert sorted(set(ruler.match(indexed))) == expected
    AttributeRuler.set_annotations(ruler, plain, expected)
    ruler(indexed)
    assert (plain.to_array([POS, MORPH, LEMMA]) == indexed.to_array([POS, MORPH, LEMMA])).all()


@pytest.mark.parametrize(
    "pattern",
    [
        [{"TAG": "NN"}],
        [{"LOWER": {"IN": ["a", "the"]}, "TAG": "DT"}],
        [{"TAG": {"NOT_IN": ["NN", ""]}}],
        [{"LOWER": {"REGEX": "^th"}}],
        [{"LOWER": "the"}, {"TAG": "NN"}],
        [{"IS_SPACE": True}],
        [{"LOWER": "the"}, {"TAG": "JJ", "OP": "?"}, {"TAG": "NN"}],  # an operator: through the Matcher
        [{"LENGTH": 3}],  # another attribute: through the Matcher
    ],
)
def test_every_pattern_shape_matches_as_the_matcher_does(pattern: list[dict]) -> None:
    nlp = spacy.blank("en")
    words = ["The", "big", "dog", "saw", "the", "cat", " ", "then", "a", "dog"]
    tags = ["DT", "JJ", "NN", "VBD", "DT", "NN", "_SP", "RB", "DT", "NN"]
    doc = Doc(nlp.vocab, words=words, tags=tags)
    plain = AttributeRuler(nlp.vocab)
    plain.add([pattern], {"LEMMA": "x"})
    plain.add([[{"TAG": "DT"}]], {"LEMMA": "y"})  # a later pattern, sorted after
    indexed = index_attribute_ruler(AttributeRuler(nlp.vocab))
    indexed.add([pattern], {"LEMMA": "x"})
    indexed.add([[{"TAG": "DT"}]], {"LEMMA": "y"})
    assert sorted(set(indexed.match(doc))) == sorted(set(plain.match(doc)))
    assert indexed.match(doc)  # every case matches something
