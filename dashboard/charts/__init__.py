"""DataFrame → plotly Figure (and → escaped HTML). Pure functions; no streamlit import."""
