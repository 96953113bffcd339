"""Helpers to run the dashboard as a real server and drive it in Debian chromium.

Used by the browser tests (``tests/browser``) and the benchmarks (``benchmarks/app_timing.py``),
in the spirit of ``streamlit.testing``:

- ``dashboard.testing.server``: ``running_app(build_dir=...)`` starts ``streamlit run dashboard/app.py``
  on a free port against prebuilt tables and stops it (with every child process) on exit;
- ``dashboard.testing.browser``: launching ``/usr/bin/chromium`` through Playwright (never
  ``playwright install``), opening pages and reading what the app shows;
- ``dashboard.testing.markdown_check``: the links, images and raw HTML a Markdown string would form
  (used by the injection tests in ``tests/hostile``);
- ``dashboard.testing.streamlit_client``: a websocket client speaking Streamlit's protocol, for the
  load benchmark (``benchmarks/load.py``).

No pytest here (fixtures live in ``tests/conftest.py``), and Playwright is imported by the caller,
so the package imports without either installed.
"""
