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

// Long actions of administrators and regulators show their progress; without script the forms and links still work
// (the server answers them whole).
(function () {
  "use strict";

  function problemText(problem) {
    var parts = [problem.detail || problem.title || "操作未完成"];
    (problem.errors || []).forEach(function (e) { if (e.message && parts.indexOf(e.message) < 0) parts.push(e.message); });
    return parts.join("；");
  }

  function readProblem(response) {
    return response.text().then(function (body) {
      try { return problemText(JSON.parse(body)); } catch (e) { return "服务器返回 " + response.status + "，请稍后重试；如果问题持续，请联系管理员。"; }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    // A form that takes a while: say so and keep it from being sent twice.
    document.querySelectorAll("form[data-busy]").forEach(function (form) {
      form.addEventListener("submit", function () {
        var note = form.querySelector("[data-busy-text]");
        if (note) note.hidden = false;
        form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
      });
    });

    // Publishing several drafts: one request per version, each outcome listed as it comes.
    document.querySelectorAll("form[data-bulk-publish]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        var boxes = Array.prototype.filter.call(form.querySelectorAll("input[data-publish-url]"), function (b) { return b.checked; });
        if (boxes.length === 0 || !window.fetch) return;
        event.preventDefault();
        var panel = form.querySelector("[data-progress]");
        var bar = panel.querySelector("progress");
        var text = panel.querySelector("[data-progress-text]");
        var log = panel.querySelector("[data-progress-log]");
        var button = form.querySelector("button[type=submit]");
        panel.hidden = false; bar.max = boxes.length; bar.value = 0; log.textContent = ""; button.disabled = true;
        var published = 0;
        function add(line, ok) {
          var li = document.createElement("li");
          li.textContent = line;
          li.className = ok ? "ok" : "field-error";
          log.appendChild(li);
        }
        function next(i) {
          if (i >= boxes.length) {
            text.textContent = "完成：发布 " + published + " 个，未发布 " + (boxes.length - published) + " 个。刷新页面可查看最新状态。";
            button.disabled = false;
            return;
          }
          var box = boxes[i], label = box.getAttribute("data-label");
          text.textContent = "正在发布第 " + (i + 1) + " / " + boxes.length + " 个：" + label;
          fetch(box.getAttribute("data-publish-url"), { method: "POST", credentials: "same-origin", headers: { "Accept": "application/json" } })
            .then(function (response) {
              if (response.ok) { published++; add(label + "：已发布", true); return; }
              return readProblem(response).then(function (message) { add(label + "：未发布，" + message, false); });
            })
            .catch(function () { add(label + "：网络中断，未确认是否发布，请刷新页面查看", false); })
            .then(function () { bar.value = i + 1; next(i + 1); });
        }
        next(0);
      });
    });

    // Exports: downloaded with a progress bar (rows of a CSV against the count on the page, bytes of an XLSX);
    // a refused filter is shown as its message instead of a broken file.
    document.querySelectorAll("a[data-export]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (!window.fetch || !window.ReadableStream || !window.URL || !URL.createObjectURL) return;
        event.preventDefault();
        var panel = document.getElementById(link.getAttribute("data-export"));
        var bar = panel.querySelector("progress");
        var text = panel.querySelector("[data-progress-text]");
        var expected = parseInt(link.getAttribute("data-rows") || "0", 10);
        var csv = link.getAttribute("data-format") === "csv";
        panel.hidden = false; panel.classList.remove("error");
        if (csv && expected > 0) { bar.max = expected; bar.value = 0; } else { bar.removeAttribute("value"); }
        text.textContent = "正在导出…";
        fetch(link.href, { credentials: "same-origin" }).then(function (response) {
          if (!response.ok) return readProblem(response).then(function (message) { throw new Error(message); });
          var reader = response.body.getReader(), chunks = [], bytes = 0, lines = 0;
          function pump() {
            return reader.read().then(function (step) {
              if (step.done) return;
              chunks.push(step.value); bytes += step.value.length;
              if (csv) { for (var k = 0; k < step.value.length; k++) if (step.value[k] === 10) lines++; }
              var rows = Math.max(0, Math.min(expected, lines - 1));
              text.textContent = csv && expected > 0 ? "已导出 " + rows + " / " + expected + " 行" : "已接收 " + Math.round(bytes / 1024) + " KB";
              if (csv && expected > 0) bar.value = rows;
              return pump();
            });
          }
          return pump().then(function () {
            var name = /filename="?([^";]+)"?/.exec(response.headers.get("Content-Disposition") || "");
            var blob = new Blob(chunks, { type: response.headers.get("Content-Type") || "application/octet-stream" });
            var a = document.createElement("a");
            a.href = URL.createObjectURL(blob); a.download = name ? name[1] : "export";
            document.body.appendChild(a); a.click(); a.remove();
            setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
            bar.max = 1; bar.value = 1;
            text.textContent = "导出完成：" + (a.download) + "（" + Math.max(1, Math.round(bytes / 1024)) + " KB）。";
          });
        }).catch(function (error) {
          panel.classList.add("error");
          bar.max = 1; bar.value = 0;
          text.textContent = "导出失败：" + error.message;
        });
      });
    });
  });
})();
