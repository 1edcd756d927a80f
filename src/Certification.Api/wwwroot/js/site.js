// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // After a refused post, move focus to the list of what to fix (screen readers announce it).
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) summary.focus();

    // "Select all" checkboxes of bulk actions.
    document.querySelectorAll("[data-select-all]").forEach(function (all) {
      all.addEventListener("change", function () {
        document.querySelectorAll("input[name='" + all.getAttribute("data-select-all") + "']").forEach(function (box) { box.checked = all.checked; });
      });
    });

    // Buttons that ask before an irreversible action.
    document.querySelectorAll("[data-confirm]").forEach(function (button) {
      button.addEventListener("click", function (event) {
        if (!window.confirm(button.getAttribute("data-confirm"))) event.preventDefault();
      });
    });
  });
})();

// Live self-assessment beside the profile form: the unsaved form is sent to POST /api/evaluations (as the signed-in
// user) a moment after each change, and the score is shown indicator by indicator.
(function () {
  "use strict";
  function camel(s) { return s.charAt(0).toLowerCase() + s.slice(1); }

  function valueOf(el) {
    if (el.tagName === "SELECT") {
      var option = el.options[el.selectedIndex];
      if (!option || option.value === "") return undefined;
      var json = option.getAttribute("data-json");
      return json === "true" ? true : json === "false" ? false : (json !== null ? json : option.value);
    }
    if (el.value === "") return undefined;
    return el.type === "number" ? Number(el.value) : el.value;
  }

  function profileOf(form) {
    var profile = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name.indexOf("Profile.") !== 0) return;
      var value = valueOf(el);
      if (value === undefined || (typeof value === "number" && isNaN(value))) return;
      var tokens = [];
      el.name.slice(8).split(".").forEach(function (part) {
        var m = /^(\w+)\[(\d+)\]$/.exec(part);
        if (m) { tokens.push(camel(m[1])); tokens.push(Number(m[2])); } else tokens.push(camel(part));
      });
      var node = profile;
      for (var i = 0; i < tokens.length - 1; i++) {
        if (node[tokens[i]] === undefined) node[tokens[i]] = typeof tokens[i + 1] === "number" ? [] : {};
        node = node[tokens[i]];
      }
      node[tokens[tokens.length - 1]] = value;
    });
    if (profile.financials) profile.financials = profile.financials.filter(function (row) { return row && row.year !== undefined; });
    return profile;
  }

  function text(tag, content, cls) {
    var el = document.createElement(tag);
    el.textContent = content;
    if (cls) el.className = cls;
    return el;
  }

  function render(target, evaluation) {
    target.innerHTML = "";
    var verdict = text("p", evaluation.eligible ? "符合条件" : "暂不符合条件", "tag " + (evaluation.eligible ? "ok" : "bad"));
    verdict.setAttribute("data-testid", "live-verdict");
    target.appendChild(verdict);
    if (evaluation.totalScore !== null && evaluation.totalScore !== undefined) {
      var score = text("p", String(evaluation.totalScore), "score-big");
      score.setAttribute("data-testid", "live-score");
      target.appendChild(score);
      target.appendChild(text("p", "总分（满分 100）", "muted small"));
    }
    if (evaluation.indicators && evaluation.indicators.length) {
      var list = document.createElement("ul");
      list.className = "checklist small";
      evaluation.indicators.forEach(function (i) {
        var li = document.createElement("li");
        li.appendChild(text("strong", i.name + "：" + i.score + " / " + i.max));
        li.appendChild(text("span", " " + i.reason, "muted"));
        list.appendChild(li);
      });
      target.appendChild(list);
    }
    if (evaluation.failed && evaluation.failed.length) {
      target.appendChild(text("h3", "未满足"));
      var failed = document.createElement("ul");
      failed.className = "small";
      evaluation.failed.forEach(function (f) { failed.appendChild(text("li", f.reason)); });
      target.appendChild(failed);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-live-evaluation]");
    if (!form || !window.fetch) return;
    var panel = document.querySelector(form.getAttribute("data-live-evaluation"));
    var target = panel.querySelector("[data-live-result]");
    var tier = panel.querySelector("#live-tier");
    var titles = JSON.parse(panel.getAttribute("data-titles") || "[]");
    var timer = null, sequence = 0;

    function evaluate() {
      var mine = ++sequence;
      var profile = profileOf(form);
      profile.titles = titles;
      fetch("/api/evaluations", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify({ tier: tier.value, profile: profile })
      }).then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      }).then(function (result) {
        if (mine !== sequence) return;
        if (result.ok) render(target, result.body);
        else { target.innerHTML = ""; target.appendChild(text("p", result.body.detail || "暂时无法测算", "field-error")); }
      }).catch(function () {
        target.innerHTML = "";
        target.appendChild(text("p", "暂时无法测算，请稍后再试。", "field-error"));
      });
    }
    function soon() { clearTimeout(timer); timer = setTimeout(evaluate, 300); }
    form.addEventListener("input", soon);
    form.addEventListener("change", soon);
    tier.addEventListener("change", evaluate);
    evaluate();
  });
})();

// Bulk decisions with progress: each selected task is decided by its own call to the API (one commit each), the bar
// advancing as they complete; refusals are listed with the reason. Without JavaScript the form posts to the page.
(function () {
  "use strict";
  var positive = ["Recommended", "Passed"];

  function json(response) {
    return response.text().then(function (body) {
      var parsed = null;
      try { parsed = body ? JSON.parse(body) : null; } catch (e) { parsed = null; }
      return { ok: response.ok, body: parsed };
    });
  }

  function decide(id, wanted) {
    var headers = { "Content-Type": "application/json", "Accept": "application/json" };
    return fetch("/api/tasks/" + encodeURIComponent(id), { credentials: "same-origin", headers: headers }).then(json).then(function (task) {
      if (!task.ok) return { ok: false, message: (task.body && task.body.detail) || "任务不存在" };
      var outcomes = task.body.outcomes || [];
      var outcome = outcomes.indexOf(wanted) >= 0 ? wanted : outcomes.filter(function (o) { return positive.indexOf(o) >= 0; })[0];
      if (!outcome) return { ok: false, message: "该任务不能以此结果批量办理" };
      return fetch("/api/tasks/" + encodeURIComponent(id) + "/complete", {
        method: "POST", credentials: "same-origin", headers: headers, body: JSON.stringify({ outcome: outcome })
      }).then(json).then(function (done) {
        return done.ok ? { ok: true } : { ok: false, message: (done.body && done.body.detail) || "办理失败" };
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-bulk-progress]");
    if (!form || !window.fetch) return;
    form.addEventListener("submit", function (event) {
      var boxes = Array.prototype.filter.call(form.querySelectorAll("input[name='taskIds']"), function (b) { return b.checked; });
      if (boxes.length === 0) return; // the page says what to do
      event.preventDefault();
      var panel = document.querySelector(form.getAttribute("data-bulk-progress"));
      var bar = panel.querySelector("progress"), status = panel.querySelector("[data-bulk-status]"), log = panel.querySelector("[data-bulk-log]");
      var wanted = form.querySelector("select[name='outcome']").value;
      var button = form.querySelector("button[type='submit']");
      panel.hidden = false; button.disabled = true; bar.max = boxes.length; bar.value = 0; log.innerHTML = "";
      var done = 0, failed = 0;
      var chain = Promise.resolve();
      boxes.forEach(function (box) {
        chain = chain.then(function () { return decide(box.value, wanted); }).then(function (result) {
          done++;
          if (!result.ok) {
            failed++;
            var li = document.createElement("li");
            li.textContent = (box.getAttribute("aria-label") || box.value).replace(/^选择 /, "") + "：" + result.message;
            log.appendChild(li);
          } else {
            box.checked = false; box.disabled = true;
          }
          bar.value = done;
          status.textContent = "已办理 " + done + "/" + boxes.length + (failed ? "，其中 " + failed + " 件未办理" : "");
        });
      });
      chain.then(function () {
        status.textContent = "批量办理完成：" + (done - failed) + " 件成功" + (failed ? "，" + failed + " 件未办理" : "") + "。";
        var again = document.createElement("a");
        again.href = window.location.href; again.textContent = "刷新列表";
        status.appendChild(document.createTextNode(" ")); status.appendChild(again);
        button.disabled = false;
      });
    });
  });
})();
