"""The actor gazetteer (``data/actors.toml``) as plain lookup tables.

Known actors with their other names, countries with their metonyms and demonyms, the
role words that make a title or a description, and names that are never actors. The
file format is documented at the top of ``data/actors.toml``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dashboard import settings
from dashboard.errors import DataFileError
from dashboard.lexicons import load_toml
from dashboard.nlp.actor_names import name_key

TYPES = ("PERSON", "ORG", "GPE")


@dataclass(frozen=True)
class KnownActor:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Gazetteer:
    """Lookup tables built from the TOML file; keys are ``name_key`` forms."""

    actors: tuple[KnownActor, ...] = ()
    by_name: dict[str, KnownActor] = field(default_factory=dict)  # any name or alias
    adjectives: dict[str, str] = field(default_factory=dict)  # "russian" → "Russia"
    titles: frozenset[str] = frozenset()  # lower-case role phrases
    rank_prefixes: frozenset[str] = frozenset()
    ignored_prefixes: frozenset[str] = frozenset()
    descriptions: dict[str, frozenset[str]] = field(default_factory=dict)
    not_actors: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    event_nouns: frozenset[str] = frozenset()
    office_words: frozenset[str] = frozenset()
    facility_nouns: frozenset[str] = frozenset()
    settlement_nouns: frozenset[str] = frozenset()
    place_prefixes: frozenset[str] = frozenset()
    kind_nouns: frozenset[str] = frozenset()
    medium_prepositions: frozenset[str] = frozenset()
    event_heads: frozenset[str] = frozenset()
    common_words: frozenset[str] = frozenset()
    org_words: frozenset[str] = frozenset()
    linkers: frozenset[str] = frozenset()
    non_actor_heads: frozenset[str] = frozenset()
    surname_heads: frozenset[str] = frozenset()
    money_words: frozenset[str] = frozenset()
    outlets: frozenset[str] = frozenset()  # name_key forms
    outlet_words: frozenset[str] = frozenset()
    outlet_nouns: frozenset[str] = frozenset()
    person_nouns: frozenset[str] = frozenset()
    nicknames: frozenset[frozenset[str]] = frozenset()  # pairs of given names that mean one name
    name_suffixes: frozenset[str] = frozenset()  # "jr", "iii": not a surname
    particles: frozenset[str] = frozenset()  # "al" of "al-Assad": a surname may drop it
    town_prefixes: frozenset[str] = frozenset()  # "Tell", "Ras": a name starting so is a town
    kin_nouns: frozenset[str] = frozenset()  # "parents", "wife": after "X's", X is a person
    products: frozenset[str] = frozenset()  # name_key forms of software and products
    product_heads: frozenset[str] = frozenset()
    product_nouns: frozenset[str] = frozenset()
    product_prefixes: frozenset[str] = frozenset()
    product_kinds: frozenset[str] = frozenset()
    regions: dict[str, str] = field(default_factory=dict)  # name_key of a US state → its name
    region_tags: dict[str, str] = field(default_factory=dict)  # a state's short form ("fla", "ny") → its name

    def same_given_name(self, a: str, b: str) -> bool:
        """Whether two folded given names are one: equal, or a listed nickname pair ("mitch", "mitchell")."""
        return a == b or frozenset((a, b)) in self.nicknames

    def known(self, text: str) -> KnownActor | None:
        """The known actor this name or alias means, if any."""
        return self.by_name.get(name_key(text))

    def country_of(self, text: str) -> str | None:
        """The country a word names or qualifies: "Russian", "Russia's", "US" → a country."""
        key = name_key(text)
        if key in self.adjectives:
            return self.adjectives[key]
        actor = self.by_name.get(key)
        return actor.name if actor is not None and actor.type == "GPE" else None

    def region_of(self, text: str) -> str | None:
        """The US state a full name means ("Florida", "New Jersey"), if any."""
        return self.regions.get(name_key(text))

    def region_of_tag(self, text: str) -> str | None:
        """The US state of a party tag's short form ("Fla.", "N.Y.", "TX") or full name."""
        return self.region_tags.get(_tag_key(text))

    @functools.cached_property
    def title_words(self) -> frozenset[str]:
        """Every single word that occurs in a role phrase."""
        return frozenset(word for phrase in self.titles for word in phrase.split())

    @functools.cached_property
    def title_abbreviations(self) -> frozenset[str]:
        """One-word titles written with a full stop ("sen.", "gov."): never a sentence end before a name."""
        return frozenset(t for t in self.titles if t.endswith(".") and " " not in t)

    @functools.cached_property
    def person_titles(self) -> frozenset[str]:
        """One-word titles that stand right before a person's name ("Senator", "Mr")."""
        return frozenset(p.strip(".") for p in self.titles if " " not in p)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(f"{where}: expected a list of strings")
    return tuple(value)


def _actor(entry: Any, where: str) -> KnownActor:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise DataFileError(f"{where}: each [[actor]] needs a name")
    kind = entry.get("type", "PERSON")
    if kind not in TYPES:
        raise DataFileError(f"{where}: type must be one of {', '.join(TYPES)}, not {kind!r}")
    return KnownActor(
        name=entry["name"],
        type=kind,
        aliases=_strings(entry.get("aliases"), where),
        country=entry.get("country"),
        role=entry.get("role"),
    )


def gazetteer_from_dict(data: dict[str, Any], *, source: str = "actors.toml") -> Gazetteer:
    """Build the lookup tables from the parsed TOML (raises DataFileError on bad entries)."""
    known = [_actor(e, f"{source}: actor[{i}]") for i, e in enumerate(data.get("actor", []))]
    adjectives: dict[str, str] = {}
    countries = data.get("countries", {})
    if not isinstance(countries, dict):
        raise DataFileError(f"{source}: [countries] must be a table")
    for name, entry in countries.items():
        entry = entry if isinstance(entry, dict) else {}
        aliases = _strings(entry.get("aliases"), f"{source}: countries.{name}.aliases")
        known.append(KnownActor(name=name, type="GPE", aliases=aliases))
        for adjective in _strings(entry.get("adjectives"), f"{source}: countries.{name}.adjectives"):
            adjectives[name_key(adjective)] = name
    by_name: dict[str, KnownActor] = {}
    for actor in known:
        for alias in (actor.name, *actor.aliases):
            by_name.setdefault(name_key(alias), actor)
    titles = data.get("titles", {})
    descriptions = {
        key.lower(): frozenset(p.lower() for p in _strings(v, f"{source}: descriptions.{key}"))
        for key, v in data.get("descriptions", {}).items()
    }
    lower = functools.partial(_lower_set, source=source)
    not_actors = data.get("not_actors", {})
    organisations = data.get("organisations", {})
    people = data.get("people", {})
    products = data.get("products", {})
    regions, region_tags = _regions(data, source)
    return Gazetteer(
        actors=tuple(known),
        by_name=by_name,
        adjectives=adjectives,
        titles=lower(titles.get("phrases"), "titles.phrases"),
        rank_prefixes=lower(titles.get("rank_prefixes"), "titles.rank_prefixes"),
        ignored_prefixes=lower(titles.get("ignored_prefixes"), "titles.ignored_prefixes"),
        descriptions=descriptions,
        not_actors=frozenset(name_key(n) for n in _strings(not_actors.get("names"), "not_actors.names")),
        place_nouns=lower(not_actors.get("place_nouns"), "not_actors.place_nouns"),
        event_nouns=lower(not_actors.get("event_nouns"), "not_actors.event_nouns"),
        office_words=lower(titles.get("office_words"), "titles.office_words"),
        facility_nouns=lower(not_actors.get("facility_nouns"), "not_actors.facility_nouns"),
        settlement_nouns=lower(not_actors.get("settlement_nouns"), "not_actors.settlement_nouns"),
        place_prefixes=lower(not_actors.get("place_prefixes"), "not_actors.place_prefixes"),
        kind_nouns=lower(not_actors.get("kind_nouns"), "not_actors.kind_nouns"),
        medium_prepositions=lower(not_actors.get("medium_prepositions"), "not_actors.medium_prepositions"),
        event_heads=lower(not_actors.get("event_heads"), "not_actors.event_heads"),
        common_words=lower(not_actors.get("common_words"), "not_actors.common_words"),
        org_words=lower(organisations.get("org_words"), "organisations.org_words"),
        linkers=lower(organisations.get("linkers"), "organisations.linkers"),
        non_actor_heads=lower(not_actors.get("non_actor_heads"), "not_actors.non_actor_heads"),
        surname_heads=lower(not_actors.get("surname_heads"), "not_actors.surname_heads"),
        money_words=lower(not_actors.get("money_words"), "not_actors.money_words"),
        outlets=frozenset(name_key(n) for n in _strings(organisations.get("outlets"), "organisations.outlets")),
        outlet_words=lower(organisations.get("outlet_words"), "organisations.outlet_words"),
        outlet_nouns=lower(organisations.get("outlet_nouns"), "organisations.outlet_nouns"),
        person_nouns=lower(people.get("nouns"), "people.nouns"),
        nicknames=_pairs(people.get("nicknames"), f"{source}: people.nicknames"),
        name_suffixes=lower(people.get("suffixes"), "people.suffixes"),
        kin_nouns=lower(people.get("kin"), "people.kin"),
        particles=lower(people.get("particles"), "people.particles"),
        town_prefixes=lower(not_actors.get("town_prefixes"), "not_actors.town_prefixes"),
        products=frozenset(name_key(n) for n in _strings(products.get("names"), "products.names")),
        product_heads=lower(products.get("heads"), "products.heads"),
        product_nouns=lower(products.get("nouns"), "products.nouns"),
        product_prefixes=lower(products.get("prefixes"), "products.prefixes"),
        product_kinds=lower(products.get("kinds"), "products.kinds"),
        regions=regions,
        region_tags=region_tags,
    )


def _regions(data: dict[str, Any], source: str) -> tuple[dict[str, str], dict[str, str]]:
    """(name_key of each state's name → name, short form → name) from ``[regions]``."""
    table = data.get("regions", {})
    if not isinstance(table, dict):
        raise DataFileError(f"{source}: [regions] must be a table")
    names: dict[str, str] = {}
    tags: dict[str, str] = {}
    for name, entry in table.items():
        entry = entry if isinstance(entry, dict) else {}
        names[name_key(name)] = name
        for tag in (name, *_strings(entry.get("tags"), f"{source}: regions.{name}.tags")):
            tags[_tag_key(tag)] = name
    return names, tags


def _tag_key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _pairs(value: Any, where: str) -> frozenset[frozenset[str]]:
    if value is None:
        return frozenset()
    if not isinstance(value, list):
        raise DataFileError(f"{where}: expected a list of [short, long] pairs")
    pairs = [_strings(v, where) for v in value]
    if any(len(p) != 2 for p in pairs):
        raise DataFileError(f"{where}: each entry needs exactly two names")
    return frozenset(frozenset(name_key(n) for n in p) for p in pairs)


def _lower_set(value: Any, where: str, *, source: str) -> frozenset[str]:
    return frozenset(v.lower() for v in _strings(value, f"{source}: {where}"))


@functools.lru_cache(maxsize=4)
def load_gazetteer(path: Path | str | None = None) -> Gazetteer:
    """The gazetteer from ``path`` (default ``settings.ACTORS_FILE``), read once."""
    path = Path(path or settings.ACTORS_FILE)
    return gazetteer_from_dict(load_toml(path), source=str(path))
