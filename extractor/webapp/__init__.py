"""The Streamlit app's pages and data access (``app.py`` is the entry point).

``main`` holds the shell and navigation, ``data`` the SPARQL queries over the store
(cached), and one module per page renders it: ``owners``, ``overview``, ``profile``,
``explorer``, ``targets``, ``viewer``, ``upload``, ``console``, ``exports``.
"""
