"""policykg Streamlit app: who owns what, on the graph in the embedded store.

Run with ``make app`` or ``policykg app``.  The store path comes after ``--``:
``streamlit run app.py -- --store .policykg/store``.  The pages live in
``extractor/webapp/``; this file is only the entry point.
"""

from extractor.webapp.main import run

run()
