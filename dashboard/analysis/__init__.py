"""In-app analysis of a reader's text, in a worker process with a time budget.

``run.analyse_in_worker`` (server side, no spaCy) starts ``python -m dashboard.analysis.worker``,
hands it the text on stdin and reads the article's tables back; ``worker`` (the child)
parses with spaCy at low priority. A text that takes longer than the budget
(``DASHBOARD_ANALYSIS_SECONDS``, default 60) stops the worker and gives one clear message,
so one long paste never slows the other readers' pages.
"""
