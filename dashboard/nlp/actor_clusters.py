"""Merging named mentions into actors, within one article.

Rules, in order:
  1. the same name (folded: case, accents, "the", possessive) is the same actor; a
     gazetteer alias is its actor ("Moscow" → Russia); an acronym defined in the text is
     its long name ("AU" → "African Union");
  2. a shorter person name that ends or starts a longer one is that person when exactly
     one fits ("Biden" → "Joe Biden", "David" → "David Turpin") — this also catches a
     surname the model labelled ORG or GPE, and the merged actor is then a person; middle
     initials are optional ("John Bolton" → "John R. Bolton"); a surname plural ("the
     Turpins") is a family;
  3. an organisation prefixed by a country is that organisation ("UK Parliament"); a
     one-word organisation name that starts exactly one longer one is it ("the Court" →
     "Court of Session"; "the House" → "House of Representatives" rather than a "House …
     Committee"); a one-word name of any label that starts exactly one longer name ending
     in an organisation word is that organisation ("Burisma" → "Burisma Holdings");
  4. the type is the gazetteer's, else the root name's majority label.
"""

from __future__ import annotations

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


def _base_key(mention: Mention, defined: dict[str, str]) -> str:
    if mention.known is not None:
        return "known:" + mention.known.name
    key = " ".join(mention.key)
    return "name:" + name_key(defined[key]) if key in defined else "name:" + key


def _majority(labels: Sequence[str]) -> str:
    counts = Counter(labels)
    return max(LABEL_ORDER, key=lambda label: (counts[label], -LABEL_ORDER.index(label)))


def _person_tokens(group: list[int], mentions: Sequence[Mention]) -> tuple[str, ...]:
    known = mentions[group[0]].known
    if known is not None:
        return tuple(name_key(known.name).split())
    return max((mentions[i].key for i in group), key=len)


def _is_initial(word: str) -> bool:
    return len(word) == 1 and word.isalpha()


def _without_initials(words: tuple[str, ...]) -> tuple[str, ...]:
    """Middle initials dropped: ("john", "r", "bolton") → ("john", "bolton")."""
    if len(words) < 3:
        return words
    return (words[0], *(w for w in words[1:-1] if not _is_initial(w)), words[-1])


def _fits(short: tuple[str, ...], long: tuple[str, ...], *, first_name: bool) -> bool:
    if len(short) >= len(long):
        return False
    if long[-len(short) :] == short or (first_name and long[: len(short)] == short):
        return True
    bare = _without_initials(long)  # "John Bolton" is "John R. Bolton"
    return len(short) >= 2 and bare == short and not any(_is_initial(w) for w in short[1:-1])


def cluster_mentions(
    mentions: Sequence[Mention], defined: dict[str, str], gazetteer: Gazetteer
) -> list[Cluster]:
    """Actors, each with the indices of its mentions, in order of first mention."""
    groups: dict[str, list[int]] = {}
    for i, mention in enumerate(mentions):
        groups.setdefault(_base_key(mention, defined), []).append(i)
    labels = {key: _majority([mentions[i].label for i in group]) for key, group in groups.items()}
    known = {key: mentions[group[0]].known for key, group in groups.items()}

    seeds = {
        key: _person_tokens(group, mentions)
        for key, group in groups.items()
        if labels[key] == "PERSON" and (len(_person_tokens(group, mentions)) >= 2 or known[key])
    }
    merged_into: dict[str, str] = {}
    dropped: set[str] = set()
    roots: dict[str, tuple[str, ...]] = {}
    for key in sorted(seeds, key=lambda k: -len(seeds[k])):  # longer names first
        fits = [r for r, long in roots.items() if known[key] is None and _fits(seeds[key], long, first_name=False)]
        if len(fits) == 1:
            merged_into[key] = fits[0]
        else:
            roots[key] = seeds[key]
    for key in groups:
        if key in seeds or known[key] is not None:
            continue
        tokens = tuple(key[5:].split())
        is_person = labels[key] == "PERSON"
        if not is_person and len(tokens) != 1:
            continue
        fits = [r for r, long in roots.items() if _fits(tokens, long, first_name=is_person)]
        family = len(tokens) == 1 and tokens[0].endswith("s") and any(
            long[-1] == tokens[0][:-1] for long in roots.values()
        )
        if len(fits) == 1:
            merged_into[key] = fits[0]
        elif family or (fits and not is_person):
            dropped.add(key)

    _merge_prefixed_orgs(groups, labels, merged_into, gazetteer)
    _merge_short_orgs(groups, labels, known, merged_into, dropped, set(seeds), gazetteer)

    def root(key: str) -> str:
        while key in merged_into:
            key = merged_into[key]
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


def _merge_prefixed_orgs(
    groups: dict[str, list[int]], labels: dict[str, str], merged_into: dict[str, str], gazetteer: Gazetteer
) -> None:
    for key in groups:
        words = key[5:].split()
        if labels[key] != "ORG" or len(words) < 2 or key in merged_into:
            continue
        if gazetteer.country_of(words[0]) and "name:" + " ".join(words[1:]) in groups:
            target = "name:" + " ".join(words[1:])
            if labels[target] == "ORG":
                merged_into[key] = target


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
        if labels[key] != "ORG":  # a company name the model took for a person or place
            fits = [long for long in fits if long[5:].split()[-1] in gazetteer.org_words]
        elif len(fits) > 1:
            fits = [long for long in fits if long[5:].split()[-1] not in gazetteer.org_words]
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
        name = max(chosen, key=lambda m: len(m.key)).text
    else:
        long_forms = [m.text for m in chosen if " ".join(m.key) in {name_key(v) for v in defined.values()}]
        own = [m for m in chosen if "name:" + " ".join(m.key) == key] or chosen  # the root's own name wins
        counts = Counter(m.text for m in own)
        name = long_forms[0] if long_forms else max(counts, key=lambda t: (counts[t], len(t)))
    return Cluster(name=_clean(name), type=kind, mentions=tuple(group), known=known)


def _clean(name: str) -> str:
    """The display form of a name: possessive and brackets off."""
    name = name.replace("[", "").replace("]", "").strip()
    for suffix in ("'s", "’s"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name.strip()
