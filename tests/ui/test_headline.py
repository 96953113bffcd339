"""Headline figures: a row of label, number and note, drawn with the page's first elements."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard.testing.figures import plain, shown_figures


def figures_page() -> None:
    from dashboard.ui.headline import Figure, figures_row

    figures_row(
        [
            Figure("Actors", "12"),
            Figure("Statements", "1,204", "from 1,377 quoted fragments"),
            Figure("<b>[x](http://e.example)</b>", "*3*"),
        ]
    )


def test_every_figure_is_read_back_with_its_label_and_value_shown_literally() -> None:
    at = AppTest.from_function(figures_page).run()
    assert not at.exception
    assert shown_figures(at) == {"Actors": "12", "Statements": "1,204", "<b>[x](http://e.example)</b>": "*3*"}
    assert [plain(c.value) for c in at.caption if "fragments" in c.value] == ["from 1,377 quoted fragments"]
    assert not any("<b>" in m.value for m in at.markdown)


def test_a_page_without_figures_reads_empty() -> None:
    at = AppTest.from_function(lambda: __import__("streamlit").caption("Pick an article")).run()
    assert shown_figures(at) == {}
