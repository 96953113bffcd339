"""The quote engine: quoted spans, attribution rules, speaker rules, reported speech.

Modules, in the order the ``quote_finder`` component (``finder``) uses them:

    grammar          constants shared by every rule (quotation marks, pronouns, verb tags)
    cues             the reporting-verb lexicon (data/reporting_verbs.toml) as a record
    marks            quoted spans from characters alone (which marks open and close)
    speakers         subject token → Speaker (names, pronouns, documents), speaker rules
    context          QuoteContext: the per-Doc indexes every rule reads
    attribution      ATTRIBUTION_RULES and CARRY_RULES: quoted span → Quote
    reported_speech  indirect quotes ("X said that ...")
    finder           the spaCy component that runs them and writes the Doc
"""
