"""UI labels: Chinese first, English when the sidebar toggle is on.

Labels live in one table so a page never hard-codes a language; ``t(key)`` picks the
language from the session.
"""

from __future__ import annotations

import streamlit as st

LANG_KEY = "lang_en"

LABELS: dict[str, tuple[str, str]] = {
    "app_title": ("policykg 政策责任图谱", "policykg policy responsibility graph"),
    "nav": ("页面", "Page"),
    "page_owners": ("谁负责什么", "Who owns what"),
    "page_overview": ("文件总览", "Overview"),
    "page_profile": ("单位画像", "Unit profile"),
    "page_explorer": ("图谱浏览", "Graph explorer"),
    "page_targets": ("指标对比", "Targets comparison"),
    "page_viewer": ("原文查看", "Document viewer"),
    "page_upload": ("上传抽取", "Upload and extract"),
    "page_console": ("SPARQL 查询", "SPARQL console"),
    "page_exports": ("数据导出", "Exports"),
    "choose": ("请选择或输入…", "Choose or type…"),
    "refresh": ("重新读取存储", "Reload the store"),
    "no_store": ("找不到图谱存储 {path}。请先运行 `make app` 或 `policykg extract corpora --store {path}`。",
                 "No graph store at {path}. Run `make app` or `policykg extract corpora --store {path}` first."),
    "store_busy": ("无法打开图谱存储 {path}：{error}", "Cannot open the graph store {path}: {error}"),
    "empty_store": ("图谱存储是空的：请上传文件或运行 `policykg extract`。",
                    "The store is empty: upload a file or run `policykg extract`."),
    # who owns what
    "owners_caption": ("{n} 条责任关系 · {docs} 份文件 · {units} 个单位 · 存储 {path}",
                       "{n} assignments · {docs} documents · {units} units · store {path}"),
    "unit_filter": ("责任单位（单位筛选，可输入简称）", "Unit (type a name or an alias)"),
    "task_query": ("按任务词搜索（空格分隔）", "Search task words (space separated)"),
    "role_filter": ("角色", "Role"),
    "owners_of_tasks": ("负责这些任务的单位", "Units owning these tasks"),
    "evidence_pick": ("查看某一行的证据", "Show the evidence of a row"),
    "evidence": ("证据", "Evidence"),
    "open_in_viewer": ("在原文中查看", "Open in the document"),
    "no_rows": ("没有符合条件的责任关系。", "No assignment matches."),
    "rows_shown": ("显示 {n} 条", "{n} rows"),
    # overview
    "ov_region": ("地区", "Region"),
    "ov_year": ("年份", "Year"),
    "ov_type": ("文种", "Document type"),
    "ov_caption": ("{n} 份文件", "{n} documents"),
    # profile
    "profile_unit": ("选择单位", "Unit"),
    "profile_tasks": ("任务数", "Tasks"),
    "profile_docs": ("涉及文件", "Documents"),
    "profile_partners_n": ("合作单位", "Partners"),
    "by_role_year": ("按角色和年份的任务数", "Tasks by role and year"),
    "partners": ("合作单位（共同承担任务）", "Partners (co-responsible units)"),
    "alliances": ("所属或牵头的联盟", "Alliances led or joined"),
    "no_alliances": ("存储中没有该单位的联盟关系。", "No alliance memberships for this unit in the store."),
    "no_partners": ("没有与其他单位共同承担的任务。", "No task shared with another unit."),
    "aliases": ("别名", "Aliases"),
    # explorer
    "gx_docs": ("文件", "Documents"),
    "gx_types": ("节点类型", "Node types"),
    "gx_roles": ("角色", "Roles"),
    "gx_max": ("最多节点数", "Maximum nodes"),
    "gx_expand": ("展开节点（也可在图中点击节点）", "Expand a node (or click it in the graph)"),
    "gx_reset": ("收起全部", "Collapse all"),
    "gx_caption": ("{nodes} 个节点 · {edges} 条边 · 已展开 {expanded} 个", "{nodes} nodes · {edges} edges · {expanded} expanded"),
    "gx_edges": ("边列表", "Edge list"),
    "gx_truncated": ("节点超过上限，已截断；请缩小筛选范围。", "Too many nodes; the graph was cut. Narrow the filters."),
    # targets
    "tg_indicator": ("选择指标", "Indicator"),
    "tg_kind": ("类型", "Kind"),
    "tg_none": ("存储中没有量化指标。", "The store holds no quantitative targets."),
    "tg_all": ("全部指标", "All indicators"),
    "tg_download": ("下载 CSV", "Download CSV"),
    "tg_chart_empty": ("没有可绘制的数值。", "No numeric values to chart."),
    # viewer
    "viewer_doc": ("选择文件", "Document"),
    "viewer_fact": ("跳转到事实", "Go to a fact"),
    "viewer_focus": ("证据所在位置", "The evidence in context"),
    "viewer_full": ("全文（高亮：单位任务与证据）", "Full text (highlighted: tasks and evidence)"),
    "viewer_no_source": ("找不到源文件 {source}，无法显示原文。", "Source file {source} not found; cannot show the text."),
    "viewer_legend": ("图例：", "Legend: "),
    "legend_task": ("任务", "task"),
    "legend_evidence": ("证据", "evidence"),
    "legend_target": ("指标", "target"),
    "legend_focus": ("当前证据", "selected evidence"),
    # upload
    "upload_file": ("上传文件", "Upload a file"),
    "upload_help": ("支持 {types}，不超过 {mb} MB。", "Accepted: {types}, at most {mb} MB."),
    "upload_extracted": ("抽取结果：{a} 条责任关系，{t} 个指标。", "Extracted {a} assignments and {t} targets."),
    "upload_add": ("加入图谱存储", "Add to the store"),
    "upload_added": ("已加入存储：{doc}（{n} 条三元组）。", "Added {doc} to the store ({n} triples)."),
    # console
    "sq_example": ("示例查询", "Example query"),
    "sq_text": ("SPARQL（只读：SELECT / ASK / CONSTRUCT / DESCRIBE）", "SPARQL (read-only: SELECT / ASK / CONSTRUCT / DESCRIBE)"),
    "sq_refused": ("只读控制台拒绝执行：{reason}", "The read-only console refused this query: {reason}"),
    "sq_run": ("运行查询", "Run"),
    "sq_rows": ("{n} 行 · {ms} 毫秒", "{n} rows · {ms} ms"),
    "sq_ask": ("结果：{value}", "Answer: {value}"),
    "sq_timeout": ("查询超过 {s} 秒，已终止。请加上 LIMIT 或缩小范围。", "The query ran over {s} s and was stopped. Add a LIMIT or narrow it."),
    # exports
    "exp_docs": ("导出范围：选择文件（不选 = 整个存储）", "Scope: documents (none = the whole store)"),
    "exp_format": ("格式", "Format"),
    "exp_download": ("下载 {name}", "Download {name}"),
    "exp_size": ("{n} 字节", "{n} bytes"),
}

#: Column headers shown in tables (the who-owns-what names are kept stable for tests and users).
COLUMNS: dict[str, tuple[str, str]] = {
    "unit": ("单位", "Unit"), "unit_text": ("原文写法", "As written"), "role": ("角色", "Role"),
    "task": ("任务", "Task"), "section": ("章节", "Section"), "deadline": ("时限", "Deadline"),
    "period_end": ("规划期末", "Period end"),
    "doc": ("文件", "Document"), "evidence": ("证据", "Evidence"), "link": ("原文", "Source"),
    "title": ("标题", "Title"), "doc_number": ("文号", "Doc. number"), "issuers": ("发文机关", "Issuer"),
    "region": ("地区", "Region"), "date": ("日期", "Date"), "doc_type": ("文种", "Type"),
    "year": ("年份", "Year"), "n_tasks": ("任务数", "Tasks"), "n_targets": ("指标数", "Targets"),
    "n_units": ("单位数", "Units"), "indicator": ("指标", "Indicator"), "indicator_text": ("原文指标", "As written"), "value": ("数值", "Value"),
    "unit_of_measure": ("计量单位", "Unit of measure"), "comparator": ("比较", "Comparator"),
    "kind": ("类型", "Kind"), "baseline": ("基线", "Baseline"), "partner": ("合作单位", "Partner"),
    "shared": ("共同任务数", "Shared tasks"), "alliance": ("联盟", "Alliance"), "count": ("数量", "Count"),
    "roles": ("角色", "Roles"), "source": ("源", "Source"), "target": ("目标", "Target"), "label": ("关系", "Relation"),
}

ROLE_LABELS: dict[str, tuple[str, str]] = {
    "lead": ("牵头", "lead"), "responsible": ("负责", "responsible"),
    "cooperate": ("配合", "cooperate"), "obliged": ("应当", "obliged"),
    "member": ("成员", "member"),
}


def english() -> bool:
    return bool(st.session_state.get(LANG_KEY, False))


def t(key: str, **values: object) -> str:
    zh, en = LABELS[key]
    text = en if english() else zh
    return text.format(**values) if values else text


def col(key: str) -> str:
    zh, en = COLUMNS[key]
    return en if english() else zh


def role(value: str) -> str:
    """A role as shown: 牵头 (lead) in Chinese, lead in English."""
    zh, en = ROLE_LABELS.get(value, (value, value))
    return en if english() else f"{zh} ({value})"


def columns(frame, keys: list[str]):
    """The frame's ``keys`` columns, renamed to their labels."""
    return frame[keys].rename(columns={k: col(k) for k in keys})
