"""Document viewer: the normalised text with tasks, evidence and targets highlighted.

Offsets in the store index the normalised text, so the viewer re-reads the source
file (``dcterms:source``) and normalises it (cached per file version).  A fact opened
from any view arrives as ``viewer_focus = (start, end)``: the page shows that span in
context first and scrolls the full text to it.
"""

from __future__ import annotations

import html
from typing import Iterable

import streamlit as st
import streamlit.components.v1 as components

from . import data
from .i18n import t

#: Highlight classes in paint order: later kinds win where spans overlap.
STYLES = {
    "target": "background:#d4f4dd",
    "task": "background:#fff3b0",
    "evidence": "text-decoration:underline;text-decoration-color:#e07b00;text-decoration-thickness:2px",
    "focus": "background:#ffb3b3;outline:2px solid #d62728",
}
CONTEXT = 240


def highlight_html(text: str, spans: Iterable[tuple[int, int, str]], focus: tuple[int, int] | None = None,
                   lo: int = 0, hi: int | None = None) -> str:
    """``text[lo:hi]`` as escaped HTML with each ``(start, end, kind)`` span marked.

    Characters are styled by the set of kinds covering them, so overlapping spans
    never produce broken markup; the focus span carries ``id="pkg-focus"``.
    """
    hi = len(text) if hi is None else min(hi, len(text))
    marks: list[set[str]] = [set() for _ in range(hi - lo)]
    for start, end, kind in list(spans) + ([(focus[0], focus[1], "focus")] if focus else []):
        for i in range(max(start, lo), min(end, hi)):
            marks[i - lo].add(kind)
    out: list[str] = []
    focus_opened = False
    i = lo
    while i < hi:
        kinds = marks[i - lo]
        j = i + 1
        while j < hi and marks[j - lo] == kinds:
            j += 1
        chunk = html.escape(text[i:j]).replace("\n", "<br>")
        if kinds:
            style = ";".join(STYLES[k] for k in STYLES if k in kinds)
            anchor = ""
            if "focus" in kinds and not focus_opened:
                anchor, focus_opened = ' id="pkg-focus"', True
            out.append(f'<span{anchor} style="{style}">{chunk}</span>')
        else:
            out.append(chunk)
        i = j
    return "".join(out)


def _legend() -> str:
    items = [f'<span style="{STYLES[k]}">{t("legend_" + k)}</span>' for k in ("task", "evidence", "target", "focus")]
    return t("viewer_legend") + " ".join(items)


def _focus_from_fact() -> None:
    pick = st.session_state.get("viewer_fact")
    if pick:
        start, end = (int(x) for x in pick.split(":"))
        st.session_state["viewer_focus"] = (start, end)


def render(store: str) -> None:
    docs = data.documents(store)
    if docs.empty:
        st.info(t("empty_store"))
        return
    ids = list(docs["doc"])
    if st.session_state.get("viewer_doc") not in ids:
        st.session_state["viewer_doc"] = ids[0]
        st.session_state["viewer_focus"] = None
    titles = dict(zip(docs["doc"], docs["title"]))
    doc = st.selectbox(t("viewer_doc"), ids, key="viewer_doc", on_change=lambda: st.session_state.update(viewer_focus=None),
                       format_func=lambda d: f"{d} · {titles.get(d) or ''}".rstrip(" ·"))
    source = docs.loc[docs["doc"] == doc, "source"].iloc[0]
    path = data.resolve_source(source, store) if isinstance(source, str) else None
    if path is None:
        st.error(t("viewer_no_source", source=source))
        return
    text = data.normalised_text(str(path), path.stat().st_mtime, store, doc)
    found = data.document_spans(store, docs.loc[docs["doc"] == doc, "iri"].iloc[0])
    spans = [(int(r.start), int(r.end), r.kind) for r in found.itertuples()]
    assign = data.assignments(store)
    labels = {r.assignment: f"{r.unit} · {str(r.task)[:40]}" for r in assign[assign["doc"] == doc].itertuples()}
    facts = {f"{int(r.start)}:{int(r.end)}": labels[r.fact]
             for r in found[found["kind"] == "evidence"].sort_values("start").itertuples() if r.fact in labels}
    st.selectbox(t("viewer_fact"), [None] + list(facts), key="viewer_fact", on_change=_focus_from_fact,
                 format_func=lambda k: "—" if k is None else facts[k])
    focus = st.session_state.get("viewer_focus")
    st.html(_legend())
    if focus:
        start, end = focus
        st.subheader(t("viewer_focus"))
        st.caption(f"{doc} [{start}:{end}]")
        snippet = highlight_html(text, spans, focus, max(0, start - CONTEXT), min(len(text), end + CONTEXT))
        st.html(f'<div class="pkg-snippet" style="line-height:1.8">{snippet}</div>')
    st.subheader(t("viewer_full"))
    with st.container(height=600):
        st.html(f'<div class="pkg-text" style="line-height:1.8">{highlight_html(text, spans, focus)}</div>')
    if focus:
        # scroll the full text to the focused span (the component iframe is same-origin)
        components.html("<script>const el = window.parent.document.querySelectorAll('#pkg-focus');"
                        "if (el.length) el[el.length - 1].scrollIntoView({block: 'center'});</script>", height=0)
