#!/usr/bin/env python3
"""Structural checks for the Elsa 3 workflow definitions under workflows/.

A development aid, not part of the product: the runtime validates definitions itself at publish
time (see /work/shared/WORKFLOW-FORMAT.md). This script states the rules the checked-in
definitions are held to, so a hand edit that breaks one is caught before review:

  * the document has the expected top-level fields and an Elsa.Flowchart root;
  * activity ids and nodeIds are unique; every activity has a known type, version 1,
    customProperties, metadata.designer.position {x, y}, metadata.designer.size and a displayText;
  * inputs are in the wrapped form {"typeName", "expression": {"type", "value"}} with a supported
    expression type; literal values match their typeName; required inputs are present;
    JavaScript `variables.X` and SetVariable targets name declared variables;
  * connections use the nested shape; both ends exist (no dangling connection); the source port
    is an outcome the activity declares; the target port is "In";
  * exactly one Elsa.Start; every activity is reachable from it; every non-terminal activity has
    an outgoing connection; every declared outcome is connected (a warning if not);
  * designer boxes do not overlap.

Usage: tools/check-workflows.py [FILE ...]   (default: workflows/*.json beside this script)
Exit status 0 when every file passes, 1 otherwise. Warnings do not fail the run.
"""
import json
import re
import sys
from collections import defaultdict, deque
from pathlib import Path

# Ports (outcomes) per activity type. None: the activity ends the flow and has no outcome.
PORTS = {
    "Elsa.Start": ["Done"],
    "Elsa.End": None,
    "Elsa.Finish": None,
    "Elsa.FlowDecision": ["True", "False"],
    "Elsa.FlowJoin": ["Done"],
    "Elsa.SetVariable": ["Done"],
    "Elsa.Event": ["Done"],
    "Elsa.Delay": ["Done"],
    "Elsa.StartAt": ["Done"],
    "Elsa.PublishEvent": ["Done"],
    # Elsa.FlowSwitch / Elsa.FlowFork: ports come from their inputs, handled below.
    "Elsa.FlowSwitch": [],
    "Elsa.FlowFork": [],
    "Certification.AwaitSubmission": ["Submitted", "Withdrawn", "Expired"],
    "Certification.EvaluateCriteria": ["Eligible", "NotEligible"],
    "Certification.PreliminaryReview": ["Recommended", "Returned", "Rejected"],
    "Certification.FormalReview": ["Passed", "Returned", "Rejected"],
    "Certification.ExpertScoring": ["Passed", "Failed", "Divergent"],
    "Certification.SpotCheck": ["Passed", "Failed", "Skipped"],
    "Certification.Recommend": ["Recommended", "NotRecommended"],
    "Certification.Publicity": ["Clear", "ObjectionUpheld"],
    "Certification.Certify": ["Done"],
    "Certification.Reject": ["Done"],
    "Certification.AwaitExpiry": ["Due"],
    "Certification.ReEvaluate": ["Renewed", "Downgraded", "Lapsed"],
    "Certification.Revoke": ["Done"],
    "Certification.ConfirmReEvaluation": ["Renewed", "Downgraded", "Lapsed"],
    "Certification.Lapse": ["Done"],
    "Certification.ChangeReview": ["Kept", "Revoked"],
}

# Inputs per activity type: name -> (typeName, required). Unlisted types take no inputs.
INPUTS = {
    "Elsa.FlowDecision": {"condition": ("Boolean", True)},
    "Elsa.FlowJoin": {"mode": ("String", False)},
    "Elsa.SetVariable": {"variable": (None, True), "value": ("Object", True)},
    "Elsa.Event": {"eventName": ("String", True)},
    "Certification.AwaitSubmission": {"formKey": ("String", True)},
    "Certification.EvaluateCriteria": {"tier": ("String", True)},
    "Certification.PreliminaryReview": {"level": ("String", False), "dueDays": ("Int32", False),
                                        "formKey": ("String", False)},
    "Certification.FormalReview": {"level": ("String", True), "dueDays": ("Int32", False)},
    "Certification.ExpertScoring": {"panelSize": ("Int32", False), "divergenceThreshold": ("Decimal", False),
                                    "passScore": ("Decimal", False), "dueDays": ("Int32", False)},
    "Certification.SpotCheck": {"sampleShare": ("Decimal", False)},
    "Certification.Recommend": {"quota": ("Int32", True)},
    "Certification.Publicity": {"workingDays": ("Int32", False)},
    "Certification.Certify": {"validityYears": ("Int32", False)},
    "Certification.Reject": {"reason": ("String", True)},
    "Certification.AwaitExpiry": {"daysBefore": ("Int32", False)},
    "Certification.Revoke": {"reason": ("String", True)},
    "Certification.ConfirmReEvaluation": {"dueDays": ("Int32", False)},
    "Certification.Lapse": {"reason": ("String", True)},
    "Certification.ChangeReview": {"dueDays": ("Int32", False)},
}

TERMINAL = {"Elsa.End", "Elsa.Finish"}
EXPRESSION_TYPES = {"Literal", "Object", "Variable", "JavaScript"}
ACTIVITY_FIELDS = {"id", "nodeId", "name", "type", "version", "customProperties", "metadata"}
DOC_FIELDS = ["$schema", "id", "definitionId", "name", "description", "version", "isLatest",
              "isPublished", "toolVersion", "variables", "root"]
VARIABLE_TYPES = {"String", "Int32", "Int64", "Boolean", "Decimal", "Double", "Object", "DateTime",
                  "DateTimeOffset", "TimeSpan", "Guid", "JSON"}
LITERAL_CHECKS = {
    "Int32": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "Decimal": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "String": lambda v: isinstance(v, str),
    "Boolean": lambda v: isinstance(v, bool),
}
HAS_CJK = re.compile(r"[\u4e00-\u9fff]")


class Report:
    def __init__(self, path):
        self.path, self.errors, self.warnings = path, [], []

    def error(self, msg):
        self.errors.append(msg)

    def warn(self, msg):
        self.warnings.append(msg)


def label(act):
    return f"{act.get('id')} ({act.get('name')})"


def ports_of(act):
    kind = act.get("type")
    if kind == "Elsa.FlowSwitch":
        cases = act.get("cases") or []
        return [c.get("label") for c in cases if isinstance(c, dict)] + ["Default"]
    if kind == "Elsa.FlowFork":
        branches = act.get("branches")
        if isinstance(branches, dict):
            branches = (branches.get("expression") or {}).get("value")
        if isinstance(branches, str):
            branches = [b.strip() for b in branches.split(",") if b.strip()]
        return list(branches or [])
    return PORTS.get(kind)


def check_inputs(rep, act, variables):
    spec = INPUTS.get(act["type"], {})
    for name, (type_name, required) in spec.items():
        if name not in act:
            if required:
                rep.error(f"{label(act)}: required input '{name}' is missing")
            continue
        value = act[name]
        if act["type"] == "Elsa.SetVariable" and name == "variable":
            # Elsa writes SetVariable's target as a plain variable object, not a wrapped input.
            ref = value.get("name") if isinstance(value, dict) else None
            if ref not in variables:
                rep.error(f"{label(act)}: SetVariable targets undeclared variable {ref!r}")
            continue
        if not (isinstance(value, dict) and "typeName" in value and isinstance(value.get("expression"), dict)):
            rep.error(f"{label(act)}: input '{name}' is not in the wrapped form {{typeName, expression}}")
            continue
        expr = value["expression"]
        if expr.get("type") not in EXPRESSION_TYPES:
            rep.error(f"{label(act)}: input '{name}' uses unsupported expression type {expr.get('type')!r}")
            continue
        if type_name and value["typeName"] != type_name:
            rep.error(f"{label(act)}: input '{name}' has typeName {value['typeName']!r}, expected {type_name!r}")
        if expr["type"] == "Literal":
            check = LITERAL_CHECKS.get(value["typeName"])
            if check and not check(expr.get("value")):
                rep.error(f"{label(act)}: literal {expr.get('value')!r} of input '{name}' is not a {value['typeName']}")
        elif expr["type"] == "JavaScript":
            for ref in re.findall(r"\bvariables\.([A-Za-z_]\w*)", str(expr.get("value", ""))):
                if ref not in variables:
                    rep.error(f"{label(act)}: input '{name}' reads undeclared variable '{ref}'")
        elif expr["type"] == "Variable" and expr.get("value") not in variables:
            rep.error(f"{label(act)}: input '{name}' names undeclared variable {expr.get('value')!r}")
    extra = set(act) - ACTIVITY_FIELDS - set(spec)
    if extra and act["type"] not in ("Elsa.FlowSwitch", "Elsa.FlowFork"):
        rep.warn(f"{label(act)}: properties not known as inputs of {act['type']}: {sorted(extra)}")


def boxes_overlap(a, b):
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def check_file(path):
    rep = Report(path)
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        rep.error(f"cannot read JSON: {exc}")
        return rep

    for field in DOC_FIELDS:
        if field not in doc:
            rep.error(f"document field '{field}' is missing")
    for field in ("name", "description"):
        if not HAS_CJK.search(str(doc.get(field, ""))):
            rep.warn(f"document '{field}' has no Chinese text")
    variables = {}
    for var in doc.get("variables") or []:
        if var.get("typeName") not in VARIABLE_TYPES:
            rep.error(f"variable {var.get('name')!r}: unknown typeName {var.get('typeName')!r}")
        if var.get("value") is not None and not isinstance(var.get("value"), str):
            rep.error(f"variable {var.get('name')!r}: value must be a string")
        variables[var.get("name")] = var

    root = doc.get("root") or {}
    if root.get("type") != "Elsa.Flowchart":
        rep.error("root is not an Elsa.Flowchart")
        return rep

    acts, node_ids = {}, set()
    for act in root.get("activities") or []:
        aid = act.get("id")
        if not aid:
            rep.error(f"an activity has no id: {act.get('name')!r}")
            continue
        if aid in acts:
            rep.error(f"duplicate activity id {aid!r}")
        acts[aid] = act
        if act.get("nodeId") in node_ids or not act.get("nodeId"):
            rep.error(f"{label(act)}: nodeId missing or duplicated")
        node_ids.add(act.get("nodeId"))
        if act.get("type") not in PORTS:
            rep.error(f"{label(act)}: unknown activity type {act.get('type')!r}")
            continue
        if act.get("version") != 1:
            rep.error(f"{label(act)}: version must be 1")
        if not isinstance(act.get("customProperties"), dict):
            rep.error(f"{label(act)}: customProperties missing")
        if not HAS_CJK.search(str(act.get("name", ""))):
            rep.warn(f"{label(act)}: name has no Chinese text")
        meta = act.get("metadata") or {}
        designer = meta.get("designer") or {}
        pos, size = designer.get("position") or {}, designer.get("size") or {}
        if not all(isinstance(pos.get(k), (int, float)) for k in ("x", "y")):
            rep.error(f"{label(act)}: metadata.designer.position {{x, y}} missing")
        if not all(isinstance(size.get(k), (int, float)) and size.get(k) > 0 for k in ("width", "height")):
            rep.error(f"{label(act)}: metadata.designer.size {{width, height}} missing")
        if not meta.get("displayText"):
            rep.error(f"{label(act)}: metadata.displayText missing")
        check_inputs(rep, act, variables)

    starts = [a for a in acts.values() if a.get("type") == "Elsa.Start"]
    if len(starts) != 1:
        rep.error(f"expected exactly one Elsa.Start, found {len(starts)}")

    edges, used_ports = defaultdict(list), defaultdict(set)
    for i, conn in enumerate(root.get("connections") or []):
        src, tgt = conn.get("source"), conn.get("target")
        if not (isinstance(src, dict) and isinstance(tgt, dict)):
            rep.error(f"connection #{i} is not in the nested shape {{source: {{activity, port}}, target: {{...}}}}")
            continue
        s, t, port = src.get("activity"), tgt.get("activity"), src.get("port") or "Done"
        if s not in acts or t not in acts:
            rep.error(f"connection #{i} {s}:{port} -> {t} is dangling (unknown activity)")
            continue
        declared = ports_of(acts[s])
        if declared is None:
            rep.error(f"connection #{i}: {label(acts[s])} ends the flow and has no port '{port}'")
        elif port not in declared:
            rep.error(f"connection #{i}: {label(acts[s])} has no port '{port}' (ports: {', '.join(declared)})")
        if tgt.get("port") not in (None, "In"):
            rep.error(f"connection #{i}: target port must be 'In', not {tgt.get('port')!r}")
        if (port, t) in {(p, x) for p, x in edges[s]}:
            rep.error(f"connection #{i}: {s}:{port} -> {t} is duplicated")
        edges[s].append((port, t))
        used_ports[s].add(port)

    if len(starts) == 1:
        seen, queue = {starts[0]["id"]}, deque([starts[0]["id"]])
        while queue:
            for _, nxt in edges[queue.popleft()]:
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        for aid in acts.keys() - seen:
            rep.error(f"{label(acts[aid])} is not reachable from the start")

    for aid, act in acts.items():
        declared = ports_of(act)
        if act.get("type") in TERMINAL or declared is None:
            if edges[aid]:
                rep.error(f"{label(act)} ends the flow but has outgoing connections")
            continue
        if not edges[aid]:
            rep.error(f"{label(act)} has no outgoing connection (dead end; end with Elsa.End or Elsa.Finish)")
        for port in declared:
            if port not in used_ports[aid]:
                rep.warn(f"{label(act)}: outcome '{port}' is not connected")

    placed = []
    for act in acts.values():
        designer = (act.get("metadata") or {}).get("designer") or {}
        pos, size = designer.get("position") or {}, designer.get("size") or {}
        try:
            box = (float(pos["x"]), float(pos["y"]), float(size["width"]), float(size["height"]))
        except (KeyError, TypeError, ValueError):
            continue
        for other, obox in placed:
            if boxes_overlap(box, obox):
                rep.error(f"{label(act)} overlaps {label(other)} in the designer")
        placed.append((act, box))
    return rep


def main(argv):
    files = argv[1:] or sorted(str(p) for p in (Path(__file__).resolve().parent.parent / "workflows").glob("*.json"))
    if not files:
        print("no workflow files found", file=sys.stderr)
        return 1
    failed = False
    for path in files:
        rep = check_file(path)
        status = "FAIL" if rep.errors else "ok"
        print(f"{status:4}  {path}  ({len(rep.errors)} errors, {len(rep.warnings)} warnings)")
        for msg in rep.errors:
            print(f"      error: {msg}")
        for msg in rep.warnings:
            print(f"      warning: {msg}")
        failed |= bool(rep.errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
