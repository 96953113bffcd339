"""Who the story's sources are: mentioned vs quoted, named vs unnamed, kind, gender.

Pure pandas over the ``actors``, ``mentions``, ``quotes`` and ``sentences`` rows of one
article or of many (an outlet's articles): every count is of **statements** (one act of
saying, ``charts/statements.py``); scare quotes are nobody's statement and are left out.

Rules (plain word lists here, each a small pure function):

- **named**: the speaker is an actor of the article whose name is a proper name; an
  **unnamed** source is a description ("a senior administration official", "people
  familiar with the matter", "Russia's deputy foreign minister"); **unattributed**: no speaker.
- **kind of source**: government/official (a country; an organisation whose name says
  state: ministry, White House, Kremlin, police …; a person whose role is an office:
  president, minister, spokesman …), organisation, other people.
- **gender** (people only, never organisations): what the article itself says — a title or
  gendered role word in the names and role it gives ("Mrs", "spokeswoman"), or he/she in the
  sentence of a quote that names nobody else — else the given name (``data/first_names.toml``),
  else unknown. A heuristic; always shown with the unknown share and the method.
"""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.counts import UNATTRIBUTED, speaker_labels
from dashboard.charts.statements import statement_keys, statement_rows
from dashboard.charts.template import MUTED, PRIMARY, count_axis, empty_figure, finish, plural, short_label
from dashboard.nlp.gender import gender_of_name, gender_of_words

NAMED, UNNAMED = "named", "unnamed"
GOVERNMENT, ORGANISATION, PEOPLE, UNKNOWN = "government/official", "organisation", "other people", "unknown"
FEMALE, MALE = "female", "male"
SOURCE_KINDS = ("direct", "partial", "indirect")
MAX_ACTORS = 12

# Words that make a description an anonymous source, not a name.
ANONYMOUS_WORDS = frozenset(
    "official officials source sources people person aide aides diplomat diplomats insider insiders "
    "spokesperson spokesman spokeswoman analyst analysts expert experts critic critics someone residents "
    "witness witnesses member members staff employee employees officer officers".split()
)
LEADING_DETERMINERS = frozenset("a an the some several many two three four one both".split())
# Organisation names and roles that make a source government or official.
STATE_WORDS = frozenset(
    "government ministry department white house kremlin downing street parliament congress senate council "
    "police army military navy intelligence embassy agency administration cabinet court commission "
    "office presidency state federal pentagon".split()
)
OFFICE_WORDS = frozenset(
    "president minister secretary official officials ambassador governor mayor senator spokesman spokeswoman "
    "spokesperson chancellor premier leader king queen general commissioner deputy representative "
    "congressman congresswoman councillor councilman councilwoman prosecutor judge police officer "
    "chief director diplomat envoy sheriff".split()
)
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _words(text: object) -> list[str]:
    return [w.casefold() for w in _WORD.findall(str(text or ""))]


def is_named(name: str) -> bool:
    """A proper name ("Joe Biden", "White House"), not a description ("a senior official")."""
    words = str(name).split()
    if not words:
        return False
    folded = _words(name)
    if folded and folded[0] in LEADING_DETERMINERS:
        return False
    if ANONYMOUS_WORDS.intersection(folded) and not all(w[:1].isupper() for w in words if w.isalpha()):
        return False
    return words[0][:1].isupper() and not (set(folded) & {"familiar"})


CONNECTORS = frozenset("of for the and de la del von van".split())


def is_proper_description(text: str) -> bool:
    """A speaker the article names without making it an actor ("TVN24", "United States Department of
    Defense") — every word capitalised, no possessive — rather than describes ("Russia's deputy
    foreign minister", "Erdogan's office", "people familiar with the matter")."""
    words = [w for w in str(text).split() if w.casefold() not in CONNECTORS]
    if not words or any("'" in w or "’" in w for w in words):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() for w in words) and not ANONYMOUS_WORDS.intersection(_words(text))


def source_kind(name: str, actor_type: str | None, role: str | None) -> str:
    """government/official, organisation or other people, from the actor's type, name and role."""
    words = set(_words(name)) | set(_words(role))
    if actor_type == "GPE":
        return GOVERNMENT
    if actor_type == "ORG":
        return GOVERNMENT if words & STATE_WORDS else ORGANISATION
    return GOVERNMENT if words & (OFFICE_WORDS | STATE_WORDS) else PEOPLE


def _pronoun_gender(texts: list[str]) -> str | None:
    found = set()
    for text in texts:
        words = set(_words(text))
        if words & MALE_PRONOUNS:
            found.add(MALE)
        if words & FEMALE_PRONOUNS:
            found.add(FEMALE)
    return found.pop() if len(found) == 1 else None


def person_gender(name: str, aliases: list[str], role: str | None, pronoun_sentences: list[str]) -> tuple[str, str]:
    """(gender, method) for a quoted person: the article's own words first, then the given name."""
    said = gender_of_words([w for phrase in [*aliases, role or ""] for w in str(phrase).split()])
    if said:
        return said, "the article (title or role word)"
    pronoun = _pronoun_gender(pronoun_sentences)
    if pronoun:
        return pronoun, "the article (he/she)"
    by_name = gender_of_name(name)
    if by_name:
        return by_name, "given name list"
    return UNKNOWN, "unknown"


def _actor_table(actors: pd.DataFrame) -> pd.DataFrame:
    keep = ["article", "actor_id", "name", "type", "aliases", "role"]
    return actors.loc[:, [c for c in keep if c in actors.columns]].drop_duplicates(["article", "actor_id"])


def _speaker_sentences(quotes: pd.DataFrame, sentences: pd.DataFrame, mentions: pd.DataFrame) -> dict:
    """(article, speaker_id) → texts of its quotes' sentences that mention no actor at all.

    The quote finder gave those quotes their speaker through a pronoun ("he said").
    """
    if quotes.empty or sentences.empty:
        return {}
    named = set(zip(mentions["article"], mentions["paragraph"], mentions["sentence"], strict=True))
    text = {
        (a, int(p), int(s)): str(t)
        for a, p, s, t in zip(
            sentences["article"], sentences["paragraph"], sentences["sentence"], sentences["text"], strict=True
        )
    }
    out: dict[tuple[str, str], list[str]] = {}
    for a, sid, p, s in zip(
        quotes["article"], quotes["speaker_id"], quotes["paragraph"], quotes["sentence"], strict=True
    ):
        if not isinstance(sid, str) or not sid or (a, int(p), int(s)) in named:
            continue
        sentence = text.get((a, int(p), int(s)))
        if sentence:
            out.setdefault((a, sid), []).append(sentence)
    return out


def source_rows(
    quotes: pd.DataFrame, actors: pd.DataFrame, sentences: pd.DataFrame, mentions: pd.DataFrame
) -> pd.DataFrame:
    """One row per statement (scare quotes left out): who, named?, kind of source, gender, quote kind.

    Columns: article, quote_id, text, speaker, kind, named, source, gender, gender_method.
    ``gender`` is '' for organisations and places (never guessed for them).
    """
    columns = ["article", "quote_id", "text", "speaker", "kind", "named", "source", "gender", "gender_method"]
    quotes = quotes[quotes["kind"] != "scare"]
    if quotes.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    statements = statement_rows(quotes)
    # (article, actor_id) → the actor's row: a dict lookup per statement, not an index search
    by_id = _actor_table(actors).set_index(["article", "actor_id"]).to_dict("index")
    pronouns = _speaker_sentences(quotes, sentences, mentions)
    rows = []
    for row, label in zip(statements.to_dict("records"), speaker_labels(statements), strict=True):
        article, sid = row["article"], row["speaker_id"]
        actor = by_id.get((article, sid)) if isinstance(sid, str) else None
        if label == UNATTRIBUTED:
            named, kind, gender, method = UNATTRIBUTED, UNKNOWN, "", ""
        elif actor is None:  # a description the article gives instead of a name
            named = NAMED if is_proper_description(label) else UNNAMED
            kind = source_kind(label, None, None)
            said = gender_of_words(str(label).split())
            is_person = kind != ORGANISATION and not STATE_WORDS.intersection(_words(label))
            gender, method = (
                ((said, "the article (title or role word)") if said else (UNKNOWN, "unknown"))
                if (is_person)
                else ("", "")
            )
        else:
            name, actor_type = str(actor["name"]), str(actor["type"])
            role = actor["role"] if isinstance(actor["role"], str) else None
            named = NAMED if is_named(name) else UNNAMED
            kind = source_kind(name, actor_type, role)
            if actor_type == "PERSON":
                aliases = [str(a) for a in (actor["aliases"] if actor["aliases"] is not None else [])]
                gender, method = person_gender(name, aliases, role, pronouns.get((article, sid), []))
            else:
                gender, method = "", ""
        rows.append([article, row["quote_id"], row["text"], label, row["kind"], named, kind, gender, method])
    return pd.DataFrame(rows, columns=columns)


def mentioned_vs_quoted(actors: pd.DataFrame, mentions: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """Per actor: mentions and statements quoted (0 when never quoted), most mentioned first.

    Across articles an actor is one row by its corpus key (``actors.key``) when there is one.
    Columns: name, type, mentions, statements.
    """
    columns = ["name", "type", "mentions", "statements"]
    if actors.empty:
        return pd.DataFrame({c: [] for c in columns}).astype({"mentions": "int64", "statements": "int64"})
    table = _actor_table(actors).copy()
    keys = actors.drop_duplicates(["article", "actor_id"])
    table["who"] = (
        keys["key"].where(keys["key"].astype(str) != "", keys["article"] + ":" + keys["actor_id"]).to_numpy()
        if "key" in keys.columns
        else (keys["article"] + ":" + keys["actor_id"]).to_numpy()
    )
    mention_counts = mentions.groupby(["article", "actor_id"]).size()
    said = quotes[(quotes["kind"] != "scare") & quotes["speaker_id"].notna()]
    said_counts = (
        said.assign(_s=statement_keys(said)).groupby(["article", "speaker_id"])["_s"].nunique()
        if not said.empty
        else pd.Series(dtype="int64")
    )
    index = pd.MultiIndex.from_frame(table[["article", "actor_id"]])
    table["mentions"] = mention_counts.reindex(index, fill_value=0).to_numpy()
    table["statements"] = said_counts.reindex(index, fill_value=0).to_numpy() if len(said_counts) else 0
    grouped = table.groupby("who").agg(
        name=("name", "first"), type=("type", "first"), mentions=("mentions", "sum"), statements=("statements", "sum")
    )
    grouped = grouped[grouped["mentions"] > 0].sort_values("name", kind="stable")
    grouped = grouped.sort_values(["mentions", "statements"], ascending=False, kind="stable")
    return grouped.loc[:, columns].astype({"mentions": "int64", "statements": "int64"}).reset_index(drop=True)


def silent_actors(table: pd.DataFrame) -> pd.DataFrame:
    """People and organisations mentioned but never quoted, most mentioned first."""
    return table[(table["statements"] == 0) & table["type"].isin(["PERSON", "ORG"])]


def mentioned_quoted_title(table: pd.DataFrame) -> str:
    if table.empty:
        return "No actors found"
    silent = silent_actors(table)
    top = table.iloc[0]
    if not silent.empty and int(silent.iloc[0]["mentions"]) >= max(3, int(top["mentions"]) // 3):
        first = silent.iloc[0]
        return f"{first['name']} is mentioned {plural(int(first['mentions']), 'time')} and never quoted"
    quoted = int(top["statements"])
    said = "never quoted" if quoted == 0 else f"quoted in {plural(quoted, 'statement')}"
    return f"{top['name']} is mentioned most ({plural(int(top['mentions']), 'time')}), {said}"


def mentioned_quoted_chart(table: pd.DataFrame, *, source: str = "") -> go.Figure:
    """Mentions and statements side by side per actor (the most mentioned ``MAX_ACTORS``)."""
    title = mentioned_quoted_title(table)
    subtitle = "Mentions and statements quoted, per actor"
    if table.empty:
        return empty_figure("No people, organisations or places found", title=title, subtitle=subtitle, source=source)
    shown = table.head(MAX_ACTORS).iloc[::-1]
    labels = [short_label(n) for n in shown["name"]]
    fig = go.Figure()
    fig.add_bar(
        y=labels,
        x=shown["mentions"],
        orientation="h",
        name="mentioned",
        marker_color=MUTED,
        hovertemplate="%{y}: mentioned %{x} times<extra></extra>",
    )
    fig.add_bar(
        y=labels,
        x=shown["statements"],
        orientation="h",
        name="quoted (statements)",
        marker_color=PRIMARY,
        hovertemplate="%{y}: quoted in %{x} statements<extra></extra>",
    )
    fig.update_layout(barmode="group", legend=dict(orientation="h", x=0, xanchor="left", traceorder="reversed"))
    count_axis(fig, float(shown[["mentions", "statements"]].to_numpy().max()))
    fig.update_yaxes(type="category")
    return finish(fig, title=title, subtitle=subtitle, source=source, legend=True, height=170 + 44 * len(shown))


def shares(values: pd.Series, order: tuple[str, ...]) -> list[tuple[str, int, int]]:
    """(value, count, percent) for each value in ``order`` that occurs, then the rest."""
    counts = values.value_counts()
    total = int(counts.sum())
    keys = [k for k in order if k in counts.index] + [k for k in counts.index if k not in order]
    return [(str(k), int(counts[k]), round(100 * int(counts[k]) / total) if total else 0) for k in keys]


def _share_text(parts: list[tuple[str, int, int]]) -> str:
    return ", ".join(f"{name} {percent}% ({count})" for name, count, percent in parts)


GENDER_NOTE = (
    "Gender of quoted people only (never organisations): from what the article itself says (Mr/Ms, "
    "a gendered role word, he/she for the speaker), else from the given-name list in data/, else unknown."
)


def sources_summary(table: pd.DataFrame, rows: pd.DataFrame) -> str:
    """The panel as text: silent actors, named share, kinds of source, quote kinds, gender."""
    parts = []
    silent = silent_actors(table).head(3)
    if not silent.empty:
        parts.append(
            "Mentioned but never quoted: "
            + "; ".join(
                f"{n} ({plural(int(m), 'mention')})" for n, m in zip(silent["name"], silent["mentions"], strict=True)
            )
            + "."
        )
    if rows.empty:
        parts.append("No statements.")
        return " ".join(parts)
    parts.append(
        f"{plural(len(rows), 'statement')}: " + _share_text(shares(rows["named"], (NAMED, UNNAMED, UNATTRIBUTED))) + "."
    )
    attributed = rows[rows["named"] != UNATTRIBUTED]
    if not attributed.empty:
        parts.append("Sources: " + _share_text(shares(attributed["source"], (GOVERNMENT, ORGANISATION, PEOPLE))) + ".")
    parts.append("Kinds: " + _share_text(shares(rows["kind"], SOURCE_KINDS)) + ".")
    people = gender_table(rows)
    if not people.empty:
        parts.append(
            f"Quoted people ({len(people)}): " + _share_text(shares(people["gender"], (FEMALE, MALE, UNKNOWN))) + "."
        )
    return " ".join(parts)


def gender_table(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per quoted person: speaker, gender, method, statements."""
    people = rows[rows["gender"] != ""]
    if people.empty:
        return pd.DataFrame({c: [] for c in ("speaker", "gender", "method", "statements")})
    return (
        people.groupby("speaker", sort=True)
        .agg(gender=("gender", "first"), method=("gender_method", "first"), statements=("quote_id", "size"))
        .reset_index()
        .sort_values("statements", ascending=False, kind="stable")
        .reset_index(drop=True)
    )
