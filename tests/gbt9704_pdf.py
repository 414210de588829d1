"""A GB/T 9704-2012-style official document as a PDF (reportlab; tests only).

Red 发文机关标志 with two joint issuers stacked beside ``文件``, the 文号 centred under it
over a red rule, a two-line title, 主送机关, numbered body text running onto a second
page, page numbers ``— n —``, joint signatures with the 成文日期, ``（此件公开发布）``, and
the 版记 (抄送机关, 印发机关和印发日期) between rules at the foot of the last page.
"""

from __future__ import annotations

import io

PAGE_W, PAGE_H = 595.0, 842.0
MARGIN = 70.0
FONT = "STSong-Light"

ISSUERS = ("上海市教育委员会", "上海市财政局")
DOC_NUMBER = "沪教委终〔2020〕5号"
TITLE = ("上海市教育委员会 上海市财政局关于开展", "社区学校标准化建设工作的通知")
RECIPIENTS = "各区教育局、财政局："
BODY = [
    "为推进社区学校标准化建设，现将有关事项通知如下。",
    "一、工作目标",
    "到2022年，各区社区学校全部达到标准化建设要求。",
    "二、主要任务",
    "（一）完善设施设备",
    "各区教育局要会同区财政局制定社区学校设施设备配置计划，确保经费按时足额到位。",
    "（二）加强队伍建设",
    "各社区学校要配齐专职管理人员，每年组织培训不少于2次。",
    "三、保障措施",
    "各区要加强组织领导，将标准化建设纳入年度考核。",
]


#: Background sentences that push the body onto a second page; all different, so that no
#: line at a page edge looks like a running header.
FILLER = [
    "社区学校是市民终身学习的重要场所。", "近年来各区社区学校建设取得明显进展。", "部分学校场地面积不足。",
    "设施设备老化问题较为突出。", "专职管理人员数量偏少。", "课程内容与居民需求仍有差距。",
    "信息化教学手段应用不够充分。", "经费投入渠道比较单一。", "区域之间发展不够均衡。",
    "居民参与学习的积极性有待提高。", "学习成果认定机制尚未建立。", "志愿者队伍有待进一步壮大。",
    "学校与社区资源共享程度不高。", "老年教育需求增长较快。", "外来务工人员学习需求多样。",
    "数字化学习资源需要持续更新。", "教学点分布还不够合理。", "管理制度需要进一步健全。",
    "评估考核办法有待完善。", "宣传引导力度需要加大。", "典型经验推广不够及时。",
    "社会力量参与办学仍然不足。", "学习型团队建设需要加强指导。", "场馆开放时间与居民作息不匹配。",
    "特色课程品牌数量偏少。", "教师专业发展通道不够畅通。", "各部门协同机制需要理顺。",
    "基层学习点运行经费紧张。", "统计数据口径不够统一。", "学习平台用户活跃度不高。",
]


def gbt9704_pdf(filler_lines: int = 30) -> bytes:
    from reportlab.lib.colors import black, red
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    page = 1

    def page_number() -> None:
        c.setFillColor(black)
        c.setFont(FONT, 12)
        c.drawCentredString(PAGE_W / 2, 40, f"— {page} —")

    # 版头: issuers stacked in red, 文件 beside them, 文号, red rule
    c.setFillColor(red)
    c.setFont(FONT, 30)
    c.drawString(MARGIN + 20, PAGE_H - 110, ISSUERS[0])
    c.drawString(MARGIN + 20, PAGE_H - 150, ISSUERS[1])
    c.drawString(PAGE_W - MARGIN - 70, PAGE_H - 130, "文件")
    c.setFillColor(black)
    c.setFont(FONT, 14)
    c.drawCentredString(PAGE_W / 2, PAGE_H - 200, DOC_NUMBER)
    c.setStrokeColor(red)
    c.setLineWidth(2)
    c.line(MARGIN, PAGE_H - 215, PAGE_W - MARGIN, PAGE_H - 215)
    c.setFont(FONT, 20)
    c.drawCentredString(PAGE_W / 2, PAGE_H - 260, TITLE[0])
    c.drawCentredString(PAGE_W / 2, PAGE_H - 288, TITLE[1])
    c.setFont(FONT, 14)
    y = PAGE_H - 330
    c.drawString(MARGIN, y, RECIPIENTS)
    lines = BODY[:1] + FILLER[:filler_lines] + BODY[1:]
    for text in lines:
        y -= 26
        if y < 80:
            page_number()
            c.showPage()
            page += 1
            c.setFont(FONT, 14)
            y = PAGE_H - MARGIN
        c.drawString(MARGIN + 28, y, text)
    # 署名 and 成文日期
    c.drawString(PAGE_W - MARGIN - 300, y - 70, ISSUERS[0] + "      " + ISSUERS[1])
    c.drawString(PAGE_W - MARGIN - 150, y - 100, "2020年3月2日")
    c.drawString(MARGIN + 28, y - 130, "（此件公开发布）")
    # 版记 at the foot of the page
    c.setStrokeColor(black)
    c.setLineWidth(1)
    c.line(MARGIN, 130, PAGE_W - MARGIN, 130)
    c.drawString(MARGIN + 14, 110, "抄送：教育部职业教育与成人教育司。")
    c.line(MARGIN, 100, PAGE_W - MARGIN, 100)
    c.drawString(MARGIN + 14, 80, "上海市教育委员会办公室")
    c.drawString(PAGE_W - MARGIN - 150, 80, "2020年3月3日印发")
    c.line(MARGIN, 70, PAGE_W - MARGIN, 70)
    page_number()
    c.showPage()
    c.save()
    return buf.getvalue()
