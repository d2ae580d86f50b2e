#!/usr/bin/env python3
"""One-off transcription of the seed's 54 scenarios into playbook files.

Reads ../shared/seeds/scenarios.json (the faithful extraction of 附件四–附件八)
and writes playbooks/src/main/resources/playbooks/<id>.yaml. The Chinese text
of every step is copied as it stands in the seed (only the leading numbering
such as "1．" or "（1)" is dropped); what the seed does not model — phase,
role, kind, 双岗复核, decisions — is added here by the rules below and by the
DECISIONS table, which is the reviewed, hand-made part.

The YAML files are the source of truth from now on: companies edit them, not
this script. Re-running it overwrites the bundled files.

    python3 docs/tools/seed_to_playbooks.py ../shared/seeds/scenarios.json
"""
import json
import os
import re
import sys

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "playbooks", "src", "main", "resources", "playbooks")

SYSTEM_CLASS = {
    "附件四": "central-trading",
    "附件七": "website",
    "附件八": "branch",
}
SYSTEM_CLASS_BY_ID = {
    "online.quote-site-not-updating": "quotes",
    "online.quote-site-unreachable": "quotes",
    "online.exchange-quote-interruption": "quotes",
    "online.quote-site-attack": "quotes",
    "online.trading-site-attack": "online-trading",
    "online.trading-site-unreachable": "online-trading",
    "online.exchange-interruption": "online-trading",
    "online.bank-transfer-platform": "bank-transfer",
    "online.bank-side-failure": "bank-transfer",
    # 附件六: the class of the system the failure takes down (PRODUCT.md Decisions 1)
    "network.exchange-sdh-line": "central-trading",
    "network.exchange-router": "central-trading",
    "network.bank-line": "bank-transfer",
    "network.bank-router": "bank-transfer",
    "network.bank-firewall": "bank-transfer",
    "network.branch-private-line": "branch",
    "network.branch-access-device": "branch",
    "network.ddos-website-online-trading": "online-trading",
    "network.wan-congestion": "branch",
}

CONTACTS = [
    ("主机供应商", "integrator"), ("存储供应商", "integrator"), ("服务器供应商", "integrator"),
    ("硬件供应商", "integrator"), ("设备供应商", "integrator"), ("集成商", "integrator"),
    ("行情软件商", "quote-vendor"), ("杀毒软件", "security-service"), ("软件", "software-vendor"),
    ("电信", "carrier"), ("联通", "carrier"), ("移动", "carrier"), ("运营商", "carrier"),
    ("交易所", "exchange"), ("中金所", "exchange"), ("物业", "property"), ("银行", "bank"),
    ("公安", "security-authority"), ("域名", "website"), ("总部技术人员", "hq-it"),
    ("杀毒软件", "security-service"), ("安全服务", "security-service"),
]

# Hand-made: the seed's "如果……则……" sentences as decision steps. Each entry inserts
# a decision before step `before` (a method index, 1-based, or 'a<n>' for 事后处理),
# whose text is a verbatim clause of the seed at `line`.
# answers: (label, target) where target is 'm<n>', 'a<n>' or 'end'.
# `next` entries give a step an explicit successor (to skip the alternative branch).
DECISIONS = {
    "central.exchange-dr-switchover": [
        dict(before="m2", text="如果报盘程序未能自动连接交易所灾备系统", line=11717,
             question="报盘程序是否已自动连接交易所灾备系统？",
             answers=[("已自动连接", "m3"), ("未能自动连接", "m2")]),
    ],
    "online.quote-site-not-updating": [
        dict(before="m2", text="如果重启行情软件未解决故障", line=12044,
             question="重启行情软件后故障是否已解决？",
             answers=[("已解决", "m3"), ("未解决", "m2")]),
        dict(before="a1", text="根据故障原因", line=0, question="故障原因是哪一类？",
             answers=[("服务器故障", "a1"), ("软件故障", "a2"), ("网络故障", "a3")]),
    ],
    "online.quote-site-unreachable": [
        dict(before="m2", text="检查行情服务器是否正常", line=12111,
             question="行情服务器硬件是否故障？",
             answers=[("硬件故障", "m2"), ("硬件正常", "m3")]),
        dict(before="a1", text="根据故障原因", line=0, question="故障原因是哪一类？",
             answers=[("服务器故障", "a1"), ("软件故障", "a2"), ("网络故障", "a3")]),
    ],
    "online.trading-site-unreachable": [
        dict(before="m2", text="检查网上交易服务器是否正常", line=12373,
             question="网上交易服务器是否故障？",
             answers=[("服务器故障", "m2"), ("服务器正常", "m3")]),
        dict(before="a1", text="根据故障原因", line=0, question="故障原因是哪一类？",
             answers=[("服务器故障", "a1"), ("软件故障", "a2"), ("网络故障", "a3")]),
    ],
    "online.bank-transfer-platform": [
        dict(before="m2", text="检查银期转账服务器", line=12504,
             question="银期转账服务器硬件是否故障？",
             answers=[("硬件故障", "m2"), ("设备正常", "m3")]),
        dict(before="a1", text="根据故障原因", line=0, question="故障原因是哪一类？",
             answers=[("服务器故障", "a1"), ("软件故障", "a2"), ("网络故障", "a3")]),
    ],
    "online.exchange-quote-interruption": [
        dict(replace="m3", question="是否通过行情站点、短信、网上交易系统向客户发布紧急公告？",
             answers=[("发布公告", "m4"), ("暂不发布", "m4")], role="leader"),
    ],
    "online.exchange-interruption": [
        dict(replace="m2", question="是否通过行情站点、短信、网上交易系统向客户发布紧急公告？",
             answers=[("发布公告", "m3"), ("暂不发布", "m3")], role="leader"),
    ],
    "online.bank-side-failure": [
        dict(replace="m2", question="是否通过行情站点、短信、网上交易系统向客户发布紧急公告？",
             answers=[("发布公告", "m3"), ("暂不发布", "m3")], role="leader"),
    ],
    "central.order-gateway-server": [
        dict(before="a1", text="若为硬件原因", line=0, question="故障是硬件原因还是软件原因？",
             answers=[("硬件原因", "a1"), ("软件原因", "a2")]),
    ],
    "network.internet-firewall": [
        dict(before="m3", text="如果防火墙切换不正常", line=13067,
             question="防火墙是否已正常切换到备防火墙？",
             answers=[("切换正常", "m4"), ("切换不正常", "m3")]),
    ],
    "network.branch-access-device": [
        dict(replace="m2", question="领导是否指示进行线路迁移操作？",
             answers=[("进行线路迁移", "m3"), ("暂不迁移", "m3")], role="leader"),
    ],
    "website.network-device-server": [
        dict(before="m2", text="检查网站服务器", line=13756, question="网站服务器是否故障？",
             answers=[("服务器故障", "m2"), ("服务器正常", "m3")]),
    ],
    "website.app-software": [
        dict(before="m2", text="如果网站后台数据库服务器故障", line=13822,
             question="网站后台数据库服务器是否故障？",
             answers=[("数据库服务器故障", "m2"), ("数据库服务器正常", "m3")]),
        dict(before="a1", text="如果是服务器故障", line=0, question="故障原因是哪一类？",
             answers=[("服务器故障", "a1"), ("软件故障", "a2")]),
    ],
    "website.slow-access": [
        dict(before="m2", text="如果网络流量正常", line=13891, question="网络流量是否正常？",
             answers=[("流量正常", "m2"), ("发现异常流量并已阻断", "m3")]),
    ],
    "website.virus": [
        dict(before="m5", text="经技术人员确认确实无法查杀该病毒后", line=14087,
             question="病毒是否已查杀清除？",
             answers=[("已清除", "m6"), ("确实无法查杀", "m5")]),
    ],
    "branch.quote-server": [
        dict(before="m2", text="如果重启行情软件未解决故障", line=14384,
             question="重启后故障是否已解决？",
             answers=[("已解决", "m3"), ("未解决", "m2")]),
        dict(before="a1", text="如果是服务器故障", line=0, question="故障原因是哪一类？",
             answers=[("服务器故障", "a1"), ("软件故障", "a2")]),
    ],
    "branch.malicious-intrusion": [
        dict(before="m7", text="如攻击持续", line=14527, question="攻击是否仍在持续？",
             answers=[("攻击持续", "m7"), ("攻击已停止", "m8")]),
    ],
}

# Explicit successors that skip an alternative branch ("m2 then m4").
NEXT = {
    "online.quote-site-unreachable": {"m2": "m4"},
    "online.trading-site-unreachable": {"m2": "m4"},
    "online.bank-transfer-platform": {"m2": "m4"},
    "online.quote-site-not-updating": {"a1": "a4", "a2": "a4"},
    "online.trading-site-unreachable#a": {"a1": "a4", "a2": "a4"},
    "online.quote-site-unreachable#a": {"a1": "a4", "a2": "a4"},
    "online.bank-transfer-platform#a": {"a1": "a4", "a2": "a4"},
    "central.order-gateway-server": {"a1": "a3"},
    "website.app-software": {"a1": "a3"},
    "branch.quote-server": {"a1": "a3"},
}

# A seed paragraph split at a conditional into verbatim pieces (network.business-lan-virus).
SPLITS = {
    "network.business-lan-virus": dict(
        decision=dict(text="根据网络受影响的程度", question="业务系统是否已无法正常运行？",
                      answers=[("业务系统无法正常运行", "m1"), ("交易暂时未受冲击", "m2")]),
        pieces=["若导致业务系统无法正常运行，则需要启动灾备应急流程，将主机房与灾备机房互连光纤中断。",
                "若交易暂时未受冲击，则由技术人员通过抓包等方式，进行排查，在不影响业务的情况下隔离感染病毒的机器。",
                "同时需联系杀毒软件技术人员提供技术支持。"],
        next={"m1": "m3"}),
}

NUMBERING = re.compile(r"^\s*(?:\d+\s*[．.、]|[（(]\s*\d+\s*[)）])\s*")
CONFIRM = re.compile(r"操作电源按钮|断电|启用备份|启动备份|启用备用|开启备份|启用网站备份|迁移|切换备用上网线路|"
                     r"直接互联|shutdown|互连光纤中断|手动重启报盘程序")


def needs_confirm(kind, text):
    """双岗复核 (附件四 应急操作; 2.1.1): powering off, switching to standby, switching lines."""
    if kind != "action" or text.startswith("迁移完成后"):
        return False
    return bool(CONFIRM.search(text.replace("了解断电情况", "")))


def strip_numbering(text):
    return NUMBERING.sub("", text).strip()


def q(text):
    return json.dumps(text, ensure_ascii=False)


def method_role(annex, text):
    if "备岗人员" in text:
        return "recorder"
    if "网络与信息安全管理员" in text:
        return "security-admin"
    if "网络管理员" in text:
        return "network-admin"
    if "交易风控员" in text:
        return "branch-risk-officer"
    if re.search(r"系统恢复正常.*(报告|通知)|及时向公司应急小组、公司领导报告", text):
        return "tech-manager"
    if "向上级监管部门报告" in text:
        return "liaison"
    if re.search(r"通知客服|通知客户", text):
        return "branch-manager" if annex == "附件八" else "customer-service"
    if annex == "附件八":
        return "branch-tech"
    if annex == "附件六":
        return "network-admin"
    if annex == "附件七":
        return "website-admin"
    if "数据库" in text:
        return "dba"
    if "联系物业" in text:
        return "system-supervisor"
    return "sysadmin"


def method_kind(text):
    if re.search(r"向上级监管部门报告", text):
        return "report"
    if re.match(r"(联系|向.{0,6}报障|投诉|向领导汇报|系统恢复正常|及时向公司应急小组|通知客|发现网上出现非法信息)", text):
        return "notify"
    return "action"


def method_phase(index, text):
    if re.match(r"(系统恢复正常|加强系统监控)", text):
        return "善后"
    if index == 0 and re.search(r"检查|确认|登录|查看|联系", text) and not CONFIRM.search(text):
        return "发现"
    return "处理"


FLOW = [  # the common 处置流程 skeleton (RULES.md i.), by leading words
    (r"立即启动预案", "it-head", "action", "处理"),
    (r"立即联系", "tech-manager", "notify", "发现"),
    (r"立即向公司应急小组|处置步骤", "tech-manager", "notify", "发现"),
    (r"立即向住所地监管部门报告", "liaison", "report", "发现"),
    (r"技术部门会同业务部门", "customer-service", "notify", "处理"),
    (r"开展舆情监控", "research", "action", "处理"),
    (r"系统恢复后向住所地监管部门报告", "liaison", "report", "善后"),
]


def flow_attrs(text):
    for pattern, role, kind, phase in FLOW:
        if re.search(pattern, text):
            return role, kind, phase
    raise SystemExit("unmapped flow step: " + text)


def split_after(text):
    """事后处理 as steps: split at its own numbering, else at sentence ends."""
    if not text:
        return []
    parts = re.split(r"(?:(?<=^)|(?<=\s)|(?<=。)|(?<=[^\d]))(?=(?:\d+\s*．|[（(]\s*\d+\s*[)）]))", text)
    parts = [strip_numbering(p) for p in parts if p.strip()]
    if len(parts) <= 1:
        parts = [p + "。" for p in text.split("。") if p.strip()]
    return [p.strip() for p in parts]


def contacts_of(s):
    words = s["contacts_zh"] + " " + " ".join(f["label"] for f in s["empty_placeholder_fields"])
    if s["annex"] == "附件六":
        words += " " + " ".join(m["text"] for m in s["method_steps"])
    found = []
    for word, category in CONTACTS:
        if word in words:
            words = words.replace(word, " ")
            if category not in found:
                found.append(category)
    return found


def emit_step(out, step):
    out.append(f"  - id: {step['id']}")
    for key in ("kind", "phase", "role"):
        out.append(f"    {key}: {step[key]}")
    if step.get("confirm"):
        out.append("    confirm: true")
    out.append(f"    text: {q(step['text'])}")
    if step.get("question"):
        out.append(f"    question: {q(step['question'])}")
        out.append("    answers:")
        for label, target in step["answers"]:
            out.append(f"      - label: {q(label)}")
            out.append(f"        next: {target}")
    if step.get("next"):
        out.append(f"    next: {step['next']}")
    out.append(f"    source: L{step['line']}")


def build(s):
    sid, annex = s["id"], s["annex"]
    system_class = SYSTEM_CLASS_BY_ID.get(sid) or SYSTEM_CLASS.get(annex) or "network"
    flow = []
    for i, f in enumerate(s["flow_steps"], 1):
        text = strip_numbering(f["text"])
        if text.startswith("处置步骤："):
            text = text[len("处置步骤："):]
        role, kind, phase = flow_attrs(text)
        flow.append(dict(id=f"f{i}", text=text, line=f["line"], role=role, kind=kind, phase=phase))

    steps = []
    split = SPLITS.get(sid)
    if split:
        line = s["method_steps"][0]["line"]
        d = split["decision"]
        steps.append(dict(id="d1", kind="decision", phase="发现", role="network-admin", text=d["text"],
                          question=d["question"], answers=d["answers"], line=line))
        for i, piece in enumerate(split["pieces"], 1):
            steps.append(dict(id=f"m{i}", kind="notify" if piece.startswith("同时需联系") else "action",
                              phase="处理", role="network-admin", confirm=bool(CONFIRM.search(piece)),
                              text=piece, line=line, next=split["next"].get(f"m{i}")))
    else:
        for i, m in enumerate(s["method_steps"]):
            text = strip_numbering(m["text"])
            kind = method_kind(text)
            steps.append(dict(id=f"m{i + 1}", text=text, line=m["line"], role=method_role(annex, text),
                              kind=kind, phase=method_phase(i, text), confirm=needs_confirm(kind, text)))

    after = []
    for i, text in enumerate(split_after(s["post_handling_zh"]), 1):
        role = "it-head" if "应急小组评估" in text and text.startswith("应急小组") else method_role(annex, text)
        kind = "notify" if re.match(r"(联系|向.{0,6}报修|向.{0,6}做服务器报修)", text) else "action"
        after.append(dict(id=f"a{i}", text=text, line=s["post_handling_line"], role=role, kind=kind, phase="善后"))

    decisions = DECISIONS.get(sid, [])
    for n, d in enumerate(decisions, 1):
        if "replace" in d:
            step = next(x for x in steps if x["id"] == d["replace"])
            step.update(kind="decision", question=d["question"], answers=d["answers"], role=d.get("role", step["role"]),
                        confirm=False)
            continue
        track = after if d["before"].startswith("a") else steps
        at = next(i for i, x in enumerate(track) if x["id"] == d["before"])
        line = d["line"] or track[at]["line"]
        track.insert(at, dict(id=f"d{n}", kind="decision", phase=track[at]["phase"] if track is steps else "善后",
                              role=track[at]["role"], text=d["text"], question=d["question"], answers=d["answers"],
                              line=line))
    for key in (sid, sid + "#a"):
        for step_id, target in NEXT.get(key, {}).items():
            for step in steps + after:
                if step["id"] == step_id:
                    step["next"] = target

    title = re.sub(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)\s*", "", s["title_zh"])
    out = [f"# {annex} {s['annex_title']} — {s['title_zh']}" + (f"（{s['parent_heading_zh']}）" if s.get("parent_heading_zh") else ""),
           f"id: {sid}",
           f"title: {q(title)}"]
    if s.get("parent_heading_zh"):
        out.append(f"group: {q(re.sub(r'^[一二三四五六七八九十]+、', '', s['parent_heading_zh']))}")
    out += [f"annex: {annex}",
            f"category: {s['category']}",
            f"system_class: {system_class}",
            # a 处置流程 that itself says 立即向住所地监管部门报告，并每隔 30 分钟上报一次 reports at once
            f"reporting: {'at-once' if any('立即向住所地监管部门报告' in f['text'] for f in s['flow_steps']) else 'by-class'}",
            f"source: {annex} L{s['first_line']}-{s['last_line']}",
            f"description: {q(s['description_zh'])}"]
    if s.get("impact_zh"):
        out.append(f"impact: {q(s['impact_zh'])}")
    if s.get("customer_handling_zh"):
        out.append(f"stakeholders: {q(s['customer_handling_zh'])}")
    out.append(f"contacts: [{', '.join(contacts_of(s))}]")
    if s["contacts_zh"]:
        out.append(f"contacts_text: {q(s['contacts_zh'])}")
    for name, track in (("flow", flow), ("steps", steps), ("after", after)):
        if not track:
            continue
        out.append(f"{name}:")
        for step in track:
            emit_step(out, step)
    return "\n".join(out) + "\n"


def main():
    data = json.load(open(sys.argv[1], encoding="utf-8"))["scenarios"]
    os.makedirs(OUT, exist_ok=True)
    for s in data:
        with open(os.path.join(OUT, s["id"] + ".yaml"), "w", encoding="utf-8") as f:
            f.write(build(s))
    with open(os.path.join(OUT, "index.txt"), "w", encoding="utf-8") as f:
        f.write("# Bundled playbooks, one file a line; keep in step with this folder (PlaybookLibraryTests checks).\n")
        f.write("".join(sorted(s["id"] + ".yaml\n" for s in data)))
    print(f"wrote {len(data)} playbooks to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
