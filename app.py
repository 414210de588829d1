"""policykg Streamlit app: who owns what, on the graph in the embedded store.

Run with ``make app`` or ``policykg app``.  The store path comes after ``--``:
``streamlit run app.py -- --store .policykg/store``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
import streamlit as st

from extractor.vocab import PKG

DEFAULT_STORE = Path(__file__).resolve().parent / ".policykg" / "store"

WHO_OWNS_WHAT = f"""
PREFIX pkg: <{PKG._NS}>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?unit ?unit_text ?role ?task ?section ?doc ?deadline WHERE {{
  ?a a pkg:Assignment ; pkg:unit ?u ; pkg:task ?t ; pkg:role ?role ; pkg:unitText ?unit_text ; pkg:document ?d .
  ?u skos:prefLabel ?unit .
  ?t pkg:text ?task .
  ?d dcterms:identifier ?doc .
  OPTIONAL {{ ?t pkg:section ?section }}
  OPTIONAL {{ ?a pkg:deadline ?deadline }}
}}
"""

ROLE_LABELS = {"lead": "牵头", "responsible": "负责", "cooperate": "配合", "obliged": "应当"}


def store_path() -> Path:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", default=str(DEFAULT_STORE))
    args, _ = parser.parse_known_args(sys.argv[1:])
    return Path(args.store)


@st.cache_resource
def open_store(path: str):
    from extractor.store import OxigraphStore

    return OxigraphStore.read_only(path)


@st.cache_data
def assignments(path: str) -> pd.DataFrame:
    store = open_store(path)
    rows = []
    result = store.query(WHO_OWNS_WHAT)
    names = [v.value for v in result.variables]
    for sol in result:
        rows.append({n: (sol[n].value if sol[n] is not None else None) for n in names})
    frame = pd.DataFrame(rows, columns=names)
    return frame.sort_values(["doc", "section", "unit"], kind="stable").reset_index(drop=True)


def main() -> None:
    st.set_page_config(page_title="policykg 政策责任图谱", layout="wide")
    st.title("谁负责什么 · Who owns what")
    path = store_path()
    if not path.exists():
        st.error(f"找不到图谱存储 {path}。请先运行 `make app` 或 `policykg extract corpora --store {path}`。")
        return
    frame = assignments(str(path))
    st.caption(f"{len(frame)} 条责任关系 · {frame['doc'].nunique() if len(frame) else 0} 份文件 · 存储 {path}")
    units = sorted(frame["unit"].unique()) if len(frame) else []
    chosen = st.multiselect("责任单位（单位筛选）", units, key="unit_filter")
    shown = frame[frame["unit"].isin(chosen)] if chosen else frame
    shown = shown.assign(role=shown["role"].map(lambda r: f"{ROLE_LABELS.get(r, r)} ({r})"))
    st.dataframe(shown[["unit", "unit_text", "role", "task", "section", "deadline", "doc"]]
                 .rename(columns={"unit": "单位", "unit_text": "原文写法", "role": "角色", "task": "任务",
                                  "section": "章节", "deadline": "时限", "doc": "文件"}),
                 use_container_width=True, hide_index=True)


main()
