"""The spaCy pipeline: the trained English model plus our registered components.

Where each component writes (the contract the ``extract`` functions read):

    doc.spans[ACTOR_MENTIONS]  one span per actor mention; label_ = PERSON|ORG|GPE,
                               kb_id_ = the actor id (unique within the article)
    doc._.actors               list of plain dicts, one per actor:
                               {"id", "name", "type", "aliases", "role", "gender"}
                               (gender: "male" | "female" | None, only when the
                               article agrees; used to rule out pronouns)
    doc.spans[QUOTES]          one span per quote (the text between the marks, or the
                               reported content); label_ = kind, kb_id_ = speaker actor id
    doc._.quotes               list of plain dicts aligned with doc.spans[QUOTES]
    doc.spans[TOPICS]          one span per topic term; label_ = topic name
    doc._.problems             list of str: what went wrong but was recovered from

Values under ``doc._`` are plain lists/dicts/str/int so that Docs survive
``nlp.pipe(n_process=2)`` (they travel between processes as bytes).
"""

ACTOR_MENTIONS = "actor_mentions"
QUOTES = "quotes"
TOPICS = "topics"
