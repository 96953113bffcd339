"""Merging named mentions into actors, within one article.

Rules, in order:
  1. the same name (folded: case, accents, "the", possessive) is the same actor; a
     gazetteer alias is its actor ("Moscow" → Russia); an acronym defined in the text is
     its long name ("AU" → "African Union");
  2. people:
     - a shorter person name that ends or starts a longer one is that person when exactly
       one fits ("Biden" → "Joe Biden", "David" → "David Turpin") — this also catches a
       surname the model labelled ORG or GPE, and the merged actor is then a person;
       middle initials are optional ("John Bolton" → "John R. Bolton"); a known person
       takes in the one unknown longer form that fits ("Donald J. Trump" → "Donald Trump");
     - a surname several people share goes to the one named at least twice as often as
       any other ("Trump" → Donald Trump rather than Melania Trump), else to none; a
       particle may be dropped ("Assad" → "Bashar al-Assad"); a generation suffix does not
       hide the surname ("Pate" → "Luther Stan Pate IV");
     - a name of the same length with an initial for a middle name or a listed nickname
       for the given name is that person ("Richard K. Guy" = "Richard Kenneth Guy",
       "Mitch Stoltz" = "Mitchell Stoltz");
     - a one-word place name that starts exactly one person's name is that person when it
       is a listed given name or never follows "in"/"at"/"from"/"to"/"near" ("the killing
       of Jamal" → "Jamal Khashoggi"), and so is a one-word organisation name that is a
       listed given name or nickname ("Bernie" → "Bernie Sanders"); a surname plural
       ("the Turpins") is a family;
     - a name the model called a person is a place when the article uses it as one ("in
       X", "at X") and it does not start with a given name; a name the model called an
       organisation or place is a person when a mention has a person cue ("…, who", "…'s
       parents"), and so is the full name whose surname it is;
  3. an organisation prefixed by a country (its name, adjective or code, not its capital:
     "Washington Post" stays) or by another organisation is that organisation ("UK
     Parliament", "UN General Assembly" → "General Assembly"); a
     one-word organisation name that starts exactly one longer one is it ("the Court" →
     "Court of Session"; "the House" → "House of Representatives" rather than a "House …
     Committee"); a one-word name of any label that starts exactly one longer name ending
     in an organisation or outlet word (three words at most) is that organisation
     ("Burisma" → "Burisma Holdings", "Fox" → "Fox News"); else a one-word organisation
     name that ends exactly one longer one is it ("Telegraph" → "Daily Telegraph");
  4. the type is the gazetteer's, else the root name's majority label.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from dashboard.nlp.actor_mentions import Mention
from dashboard.nlp.actor_names import name_key
from dashboard.nlp.gazetteer import Gazetteer, KnownActor

LABEL_ORDER = ("PERSON", "ORG", "GPE")


@dataclass(frozen=True)
class Cluster:
    name: str
    type: str
    mentions: tuple[int, ...]  # indices into the mention list
    known: KnownActor | None = None


NAME_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")


def _base_key(mention: Mention, defined: dict[str, str]) -> str:
    if mention.known is not None:
        return "known:" + mention.known.name
    key = " ".join(mention.key)
    return "name:" + name_key(defined[key]) if key in defined else "name:" + key


def _majority(labels: Sequence[str]) -> str:
    counts = Counter(labels)
    return max(LABEL_ORDER, key=lambda label: (counts[label], -LABEL_ORDER.index(label)))


def _person_tokens(group: list[int], mentions: Sequence[Mention], suffixes: frozenset[str]) -> tuple[str, ...]:
    """The words of a person's longest name, generation suffix off ("Luther Stan Pate IV" → … "pate")."""
    known = mentions[group[0]].known
    words = tuple(name_key(known.name).split()) if known is not None else max((mentions[i].key for i in group), key=len)
    while len(words) > 2 and words[-1] in suffixes:
        words = words[:-1]
    return words


def _is_initial(word: str) -> bool:
    return len(word) == 1 and word.isalpha()


def _without_initials(words: tuple[str, ...]) -> tuple[str, ...]:
    """Middle initials dropped: ("john", "r", "bolton") → ("john", "bolton")."""
    if len(words) < 3:
        return words
    return (words[0], *(w for w in words[1:-1] if not _is_initial(w)), words[-1])


def _fits(
    short: tuple[str, ...],
    long: tuple[str, ...],
    *,
    first_name: bool,
    particles: frozenset[str] = frozenset(),
    first_surname: bool = False,
) -> bool:
    """Whether a shorter name is a longer one's surname, given name (``first_name``) or the
    name without middle initials; a surname may drop a particle ("Assad" → "al-Assad").

    ``first_surname``: also the first of a three-word name's two surnames, as Spanish and
    Portuguese names are shortened ("Rosselló" of "Ricardo Rosselló Nevares"); the caller says
    whether the one word may be that (no given name) and the long name a person's (``_name_like``).
    """
    if len(short) >= len(long):
        return False
    if long[-len(short) :] == short or (first_name and long[: len(short)] == short):
        return True
    if first_surname and len(long) == 3 and not any(_is_initial(w) for w in long) and short == long[1:2]:
        return True
    particle, _, rest = long[-1].partition("-")
    if len(short) == 1 and rest and particle in particles and short[0] == rest:
        return True
    bare = _without_initials(long)  # "John Bolton" is "John R. Bolton"
    return len(short) >= 2 and bare == short and not any(_is_initial(w) for w in short[1:-1])


def _name_like(group: list[int], mentions: Sequence[Mention], gazetteer: Gazetteer) -> bool:
    """Whether a person's name reads as a name, not as a headline run into one ("WASSERMAN
    SCHULTZ RESIGNS", "Luciana Lopez: Saying") or an organisation the model called a person
    ("Hillary Clinton Foundation"): some mention not in capitals, words of letters only."""
    texts = [mentions[i].text for i in group]
    words = max((mentions[i].key for i in group), key=len)
    return (
        any(not text.isupper() for text in texts)
        and all(NAME_WORD.fullmatch(word) for text in texts for word in text.split())
        and words[-1] not in gazetteer.org_words
    )


def _variant(a: tuple[str, ...], b: tuple[str, ...], gazetteer: Gazetteer) -> bool:
    """Two different full names of one length that are one person's: "richard k guy" / "richard kenneth guy"."""
    if a == b or len(a) != len(b) or len(a) < 2 or a[-1] != b[-1]:
        return False
    if not gazetteer.same_given_name(a[0], b[0]):
        return False
    return all(
        x == y or (_is_initial(x) and y.startswith(x)) or (_is_initial(y) and x.startswith(y))
        for x, y in zip(a[1:-1], b[1:-1], strict=True)
    )


def cluster_mentions(
    mentions: Sequence[Mention],
    defined: dict[str, str],
    gazetteer: Gazetteer,
    *,
    given_names: frozenset[str] = frozenset(),
    place_names: frozenset[str] = frozenset(),
    located: frozenset[str] = frozenset(),
) -> list[Cluster]:
    """Actors, each with the indices of its mentions, in order of first mention.

    ``given_names``: folded given names; ``place_names``: name keys used after "in", "at" …
    (both only decide whether a one-word place name is a person's given name);
    ``located``: name keys used as a place ("in X", "at X", "near X"): a name the model
    called a person is a place there unless it starts with a given name.
    """
    groups: dict[str, list[int]] = {}
    for i, mention in enumerate(mentions):
        groups.setdefault(_base_key(mention, defined), []).append(i)
    labels = {key: _majority([mentions[i].label for i in group]) for key, group in groups.items()}
    known = {key: mentions[group[0]].known for key, group in groups.items()}
    _relabel_by_person_cues(groups, labels, known, mentions, gazetteer)
    for key in groups:  # "in Islambol": a place the model took for a person
        words = key[5:].split()
        if labels[key] == "PERSON" and known[key] is None and key[5:] in located and words[0] not in given_names:
            labels[key] = "GPE"

    suffixes = gazetteer.name_suffixes
    seeds = {
        key: _person_tokens(group, mentions, suffixes)
        for key, group in groups.items()
        if labels[key] == "PERSON" and (len(_person_tokens(group, mentions, suffixes)) >= 2 or known[key])
    }
    name_like = {key for key in seeds if _name_like(groups[key], mentions, gazetteer)}
    merged_into: dict[str, str] = {}
    dropped: set[str] = set()
    roots: dict[str, tuple[str, ...]] = {}
    for key in sorted(seeds, key=lambda k: -len(seeds[k])):  # longer names first
        fits = [
            r
            for r, long in roots.items()
            if _fits(seeds[key], long, first_name=False) or _variant(seeds[key], long, gazetteer)
        ]
        if len(fits) == 1 and known[key] is None:
            merged_into[key] = fits[0]
        elif len(fits) == 1 and known[fits[0]] is None:  # "Donald J. Trump" is the known "Donald Trump"
            merged_into[fits[0]] = key
            del roots[fits[0]]
            roots[key] = seeds[key]
        else:
            roots[key] = seeds[key]
    for key in groups:
        if key in seeds or known[key] is not None:
            continue
        tokens = tuple(key[5:].split())
        is_person = labels[key] == "PERSON"
        if not is_person and len(tokens) != 1:
            continue
        fits = [
            r for r, long in roots.items() if _fits(tokens, long, first_name=is_person, particles=gazetteer.particles)
        ]
        if not fits and is_person and len(tokens) == 1 and tokens[0] not in given_names:  # "Rosselló"
            fits = [r for r, long in roots.items() if r in name_like and _fits(tokens, long, first_name=False,
                                                                                first_surname=True)]
        if len(fits) > 1 and len(tokens) == 1:
            fits = _dominant(fits, groups, merged_into)
        given_name = tokens[0] in given_names or any(tokens[0] in pair for pair in gazetteer.nicknames)
        place_like = labels[key] == "GPE" and key[5:] not in place_names
        if not fits and labels[key] in {"GPE", "ORG"} and (given_name or place_like):
            given = [r for r, long in roots.items() if len(tokens) == 1 and long[0] == tokens[0]]  # "Jamal"
            if len(given) == 1:
                merged_into[key] = given[0]
                continue
        family = (
            len(tokens) == 1 and tokens[0].endswith("s") and any(long[-1] == tokens[0][:-1] for long in roots.values())
        )
        if len(fits) == 1:
            merged_into[key] = fits[0]
        elif family or (fits and not is_person):
            dropped.add(key)

    _merge_prefixed_orgs(groups, labels, merged_into, gazetteer)
    _merge_short_orgs(groups, labels, known, merged_into, dropped, set(seeds), gazetteer)

    def root(key: str) -> str:
        seen = {key}
        while key in merged_into and merged_into[key] not in seen:  # a cycle stops where it closes
            key = merged_into[key]
            seen.add(key)
        return key

    members: dict[str, list[int]] = {}
    for key, group in groups.items():
        if key in dropped or root(key) in dropped:
            continue
        members.setdefault(root(key), []).extend(group)
    clusters = [
        _cluster(key, sorted(group), mentions, defined, person=key in seeds, label=labels[key])
        for key, group in members.items()
    ]
    return sorted(clusters, key=lambda c: c.mentions[0])


def _dominant(fits: list[str], groups: dict[str, list[int]], merged_into: dict[str, str]) -> list[str]:
    """Of several people a surname fits, the one named at least twice as often as any other
    ("Trump" → Donald Trump, named ten times, not Melania Trump, named once); else all."""
    counts = {r: len(groups[r]) + sum(len(groups[k]) for k, t in merged_into.items() if t == r) for r in fits}
    ranked = sorted(fits, key=lambda r: -counts[r])
    best, second = counts[ranked[0]], counts[ranked[1]]
    return [ranked[0]] if best >= 2 and best >= 2 * second else fits


def _relabel_by_person_cues(
    groups: dict[str, list[int]],
    labels: dict[str, str],
    known: dict[str, KnownActor | None],
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
) -> None:
    """A name of one to three words called an organisation or place is a person when one of
    its mentions has a person cue ("said Iampaglia, who …"), and so is a longer name that
    ends in such a one-word name ("Vanessa Iampaglia")."""
    cued: set[str] = set()
    for key, group in groups.items():
        words = key[5:].split()
        if known[key] is not None or set(words) & gazetteer.org_words:
            continue
        if any(mentions[i].person_cue for i in group):
            if len(words) == 1:
                cued.add(words[0])
            if len(words) <= 3 and labels[key] in {"ORG", "GPE"}:
                labels[key] = "PERSON"
    for key in groups:
        words = key[5:].split()
        fits = known[key] is None and 2 <= len(words) <= 3 and words[-1] in cued
        if fits and labels[key] in {"ORG", "GPE"} and not set(words) & gazetteer.org_words:
            labels[key] = "PERSON"


def _merge_prefixed_orgs(
    groups: dict[str, list[int]], labels: dict[str, str], merged_into: dict[str, str], gazetteer: Gazetteer
) -> None:
    for key in groups:
        words = key[5:].split()
        if labels[key] != "ORG" or len(words) < 2 or key in merged_into:
            continue
        target = "name:" + " ".join(words[1:])
        prefix = gazetteer.known(words[0])
        is_org = prefix is not None and prefix.type == "ORG"  # a known organisation: "UN General Assembly"
        if (_country_prefix(words[0], gazetteer) or is_org) and labels.get(target) == "ORG":
            merged_into[key] = target


def _country_prefix(word: str, gazetteer: Gazetteer) -> bool:
    """A country's name, adjective or short code ("UK", "US") — not a capital standing for
    it, which starts names of its own ("Washington Post" is not the US "Post")."""
    country = gazetteer.country_of(word)
    if country is None:
        return False
    return word in gazetteer.adjectives or word == name_key(country) or len(word.strip(".")) <= 4


def _merge_short_orgs(
    groups: dict[str, list[int]],
    labels: dict[str, str],
    known: dict[str, KnownActor | None],
    merged_into: dict[str, str],
    dropped: set[str],
    people: set[str],
    gazetteer: Gazetteer,
) -> None:
    """ "the Court" → "Court of Session"; "Burisma" (whatever its label) → "Burisma Holdings".

    Where several longer names fit, the one that is not a sub-body ending in an
    organisation word wins: "the House" → "House of Representatives", not "House
    Judiciary Committee".
    """
    longer = [key for key in groups if labels[key] == "ORG" and len(key[5:].split()) >= 2]
    for key in groups:
        words = key[5:].split()
        if len(words) != 1 or known[key] or key in merged_into or key in dropped or key in people:
            continue
        fits = [long for long in longer if long[5:].split()[0] == words[0]]
        if labels[key] != "ORG":  # a company or outlet the model took for a person or place
            heads = gazetteer.org_words | gazetteer.outlet_words  # "Burisma Holdings", "Fox News"
            short = [long for long in fits if len(long[5:].split()) <= 3]  # not "Iowa Citizens for … Fund"
            fits = [long for long in short if long[5:].split()[-1] in heads]
        elif len(fits) > 1:
            fits = [long for long in fits if long[5:].split()[-1] not in gazetteer.org_words]
        if not fits and labels[key] == "ORG":  # "Telegraph" → "Daily Telegraph"
            fits = [
                long for long in longer if long[5:].split()[-1] == words[0] and merged_into.get(long) != key
            ]  # not "UN Assembly" → "Assembly" → "UN Assembly"
        if len(fits) == 1:
            merged_into[key] = fits[0]


def _cluster(
    key: str,
    group: list[int],
    mentions: Sequence[Mention],
    defined: dict[str, str],
    *,
    person: bool = False,
    label: str | None = None,
) -> Cluster:
    """One actor; ``person``: its root is a person's name, whatever labels its surnames had;
    ``label``: the root name's own label, which wins over the shorter names merged into it."""
    chosen = [mentions[i] for i in group]
    known = next((m.known for m in chosen if m.known is not None), None)
    kind = known.type if known else "PERSON" if person else label or _majority([m.label for m in chosen])
    if known is not None:
        name = known.name
    elif kind == "PERSON":
        name = _person_name(chosen)
    else:
        long_forms = [m.text for m in chosen if " ".join(m.key) in {name_key(v) for v in defined.values()}]
        own = [m for m in chosen if "name:" + " ".join(m.key) == key] or chosen  # the root's own name wins
        counts = Counter(m.text for m in own)
        name = long_forms[0] if long_forms else max(counts, key=lambda t: (counts[t], len(t)))
    return Cluster(name=_clean(name), type=kind, mentions=tuple(group), known=known)


def _person_name(chosen: Sequence[Mention]) -> str:
    """The longest form of a person's name ("Richard Kenneth Guy"), except a form seen once
    that is another full name with words run on in front of it: a headline glued to the
    name ("... A Sign Of Leadership Marco Rubio defended") names "Marco Rubio"."""
    counts = Counter(m.key for m in chosen)
    ranked = sorted(chosen, key=lambda m: (len(m.key), len(m.text)), reverse=True)
    for mention in ranked:
        key = mention.key
        glued = counts[key] == 1 and any(
            len(other) >= 2 and len(other) < len(key) and key[-len(other):] == other and counts[other] >= 2
            for other in counts)
        if not glued:
            return mention.text
    return ranked[0].text


def _clean(name: str) -> str:
    """The display form of a name: possessive and brackets off."""
    name = name.replace("[", "").replace("]", "").strip()
    for suffix in ("'s", "’s"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name.strip()
