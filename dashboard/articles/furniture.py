"""Page furniture: the navigation, sharing and dateline lines that scrapes carry.

The rules are general: a *short* line with no sentence punctuation that is either a
dateline or made only of furniture words. Lines are removed only at the edges
of the article, except stand-alone one-to-three-word furniture lines ("Advertisement").
"""

from __future__ import annotations

import re

FURNITURE_WORDS = frozenset(
    """
    advertisement advertisements ad ads sponsored promoted skip content main navigation menu
    source sources link links related article articles story stories more read continue
    reading back to top button home page next previous prev share shares shared tweet
    facebook twitter x whatsapp linkedin email e-mail print copy subscribe subscription
    sign up in log login newsletter newsletters follow us on comments comment view all
    see also tags tag topics click here photo image caption credit video watch listen
    close open search cookie cookies accept privacy policy terms of use the this and our
    for with a an now free today daily weekly full latest news updates alerts app download
    get your via pinterest reddit telegram
    """.split()
)

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"

DATELINE = re.compile(
    rf"""^(?:(?:published|updated|posted|last\ updated)[:\s]+)?
        (?:(?:{WEEKDAYS})\.?,?\s+)?
        (?:
            (?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}      # January 4, 2019
          | \d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\.?,?\s+\d{{4}}      # 4 January 2019
          | \d{{4}}-\d{{2}}-\d{{2}}                                      # 2019-01-04
          | \d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}                          # 04/01/2019
        )
        (?:,?\s+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s+[a-z]{{2,4}})?)?$""",
    re.IGNORECASE | re.VERBOSE,
)

MAX_WORDS = 8
MAX_CHARS = 80
SENTENCE_END = re.compile(r"[.!?:;\"”’']\s*$")
WORD = re.compile(r"[^\W\d_][\w'’-]*|\d+", re.UNICODE)


def is_dateline(line: str) -> bool:
    return bool(DATELINE.match(line.strip()))


def is_furniture(line: str, *, at_edge: bool = True) -> bool:
    """True when ``line`` looks like navigation, sharing or a dateline rather than prose."""
    stripped = line.strip().strip("|•·»«>–—-").strip()
    if not stripped:
        return True
    if is_dateline(stripped):
        return at_edge
    if len(stripped) > MAX_CHARS or SENTENCE_END.search(stripped):
        return False
    words = [w.lower() for w in WORD.findall(stripped)]
    if not words or len(words) > MAX_WORDS:
        return False
    furniture = sum(w in FURNITURE_WORDS for w in words)
    if furniture < len(words):
        return False
    return at_edge or len(words) <= 3
