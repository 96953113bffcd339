"""News dashboard: who said what in news articles.

The data flows one way::

    article file -> Article (articles.py) -> spaCy Doc (nlp/) -> records (extract/)
    -> Parquet tables (store/) -> cached loaders (loaders.py) -> pages (app_pages/)
"""

__version__ = "0.1.0"
