// The page's script: sends each change as it is typed, shows what the checks found beside
// the fields, and drives the preview, the uploads and the build. Everything it says comes
// from the server in the language of the run (the "words" block of the page).
"use strict";

(function () {
  const words = JSON.parse(document.getElementById("words").textContent);
  const meta = (name) => {
    const m = document.querySelector(`meta[name="${name}"]`);
    return m ? m.content : "";
  };
  const token = meta("hoinghi-token");
  const model = meta("hoinghi-model");
  let version = meta("hoinghi-version");

  /** A word of the page, with its {placeholders} filled in. */
  function w(key, args) {
    let text = words[key] || key;
    for (const [k, v] of Object.entries(args || {})) {
      text = text.split(`{${k}}`).join(String(v));
    }
    return text;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") node.textContent = v;
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c) node.append(c);
    return node;
  }

  /** A request to the server, carrying the run's secret; the answer's JSON, or a failure. */
  async function call(url, body, options) {
    const init = Object.assign(
      { method: "POST", headers: { "x-hoinghi-token": token } },
      options || {}
    );
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.headers["content-type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(url, init);
    let data = {};
    try {
      data = await response.json();
    } catch (_) {
      data = {};
    }
    return { ok: response.ok, status: response.status, data };
  }

  const banner = document.getElementById("banner");
  function showBanner(text, buttons) {
    if (!banner) return;
    banner.replaceChildren(el("p", { text }));
    for (const [label, action] of buttons || []) {
      const b = el("button", { type: "button", text: label });
      b.addEventListener("click", action);
      banner.append(b);
    }
    banner.hidden = false;
  }
  function hideBanner() {
    if (banner) banner.hidden = true;
  }

  // ---------------------------------------------------------------- the start page
  const create = document.getElementById("create");
  if (create) {
    create.addEventListener("click", async () => {
      create.disabled = true;
      const r = await call("/api/create");
      if (r.ok) location.reload();
      else {
        showBanner(r.data.message || w("not_saved"));
        create.disabled = false;
      }
    });
  }
  for (const b of document.querySelectorAll("[data-open]")) {
    b.addEventListener("click", async () => {
      const r = await call("/api/open", { name: b.dataset.open });
      if (r.ok) location.reload();
      else showBanner(r.data.message || "");
    });
  }
  if (!document.getElementById("state")) return;

  // ---------------------------------------------------------------- tabs
  const tabs = Array.from(document.querySelectorAll('[role="tab"]'));
  function select(tab, focus) {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      document.getElementById(t.getAttribute("aria-controls")).hidden = !on;
    }
    if (focus) tab.focus();
    sessionStorage.setItem("hoinghi-tab", tab.id);
    if (tab.id === "tab-preview") preview.show();
  }
  for (const t of tabs) {
    t.addEventListener("click", () => select(t, false));
    t.addEventListener("keydown", (e) => {
      const i = tabs.indexOf(t);
      const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      select(tabs[(to + tabs.length) % tabs.length], true);
    });
  }

  // ---------------------------------------------------------------- saving
  const status = document.getElementById("save-status");
  const retry = document.getElementById("retry");
  const unsavedKey = `hoinghi-unsaved:${model}`;
  const pending = new Map(); // path (or a structural edit's key) -> edit, in order
  let inflight = null;
  let timer = null;
  let stale = false;

  function remember() {
    const all = [...(inflight || []), ...pending.values()];
    if (all.length) localStorage.setItem(unsavedKey, JSON.stringify(all));
    else localStorage.removeItem(unsavedKey);
  }

  function setStatus(key, args) {
    status.textContent = w(key, args);
    status.classList.toggle("failed", key === "not_saved");
    retry.hidden = key !== "not_saved" || stale;
  }

  function queue(edit, delay) {
    const key = edit.op === "set" ? edit.path : `${edit.op}:${edit.path}:${Date.now()}`;
    pending.delete(key);
    pending.set(key, edit);
    remember();
    setStatus("saving");
    clearTimeout(timer);
    timer = setTimeout(flush, delay);
  }

  /** Puts edits that were not saved back in front of those typed since. */
  function putBack(edits) {
    const newer = [...pending.entries()];
    pending.clear();
    for (const e of edits) pending.set(e.op === "set" ? e.path : `${e.op}:${e.path}`, e);
    for (const [k, e] of newer) {
      pending.delete(k);
      pending.set(k, e);
    }
    remember();
  }

  async function flush() {
    clearTimeout(timer);
    if (inflight || !pending.size || stale) return;
    const edits = [...pending.values()];
    pending.clear();
    inflight = edits;
    remember();
    let r;
    try {
      r = await call("/api/edit", { version, edits });
    } catch (_) {
      r = { ok: false, status: 0, data: {} };
    }
    inflight = null;
    if (r.ok) {
      version = r.data.version;
      remember();
      applyState(r.data);
      if (r.data.notice) sessionStorage.setItem("hoinghi-notice", r.data.notice);
      if (r.data.reload) {
        if (pending.size) await flush();
        reload();
        return;
      }
      if (pending.size) flush();
      else setStatus("saved", { time: r.data.saved || "" });
      preview.changed();
      return;
    }
    putBack(edits);
    setStatus("not_saved");
    if (r.status === 409) {
      // Made from another version: never written over it. The edits wait in this
      // browser, to be applied again once the page shows the file as it is now.
      stale = true;
      showBanner(r.data.message || "", [[w("reload"), reload]]);
    } else if (r.data.message) {
      showBanner(r.data.message, [[w("retry"), () => { hideBanner(); flush(); }]]);
    } else {
      // No answer: the server is busy or gone for a moment; try again soon.
      timer = setTimeout(flush, 5000);
    }
  }
  retry.addEventListener("click", flush);

  function reload() {
    sessionStorage.setItem("hoinghi-scroll", String(window.scrollY));
    // The field being typed in keeps the keyboard on the page made again.
    const typing = document.activeElement;
    if (typing && typing.dataset && typing.dataset.path) {
      sessionStorage.setItem("hoinghi-focus", typing.dataset.path);
    }
    location.reload();
  }

  window.addEventListener("beforeunload", (e) => {
    if (pending.size || inflight) {
      remember();
      e.preventDefault();
    }
  });

  function valueOf(input) {
    return input.type === "checkbox" ? input.checked : input.value;
  }

  document.addEventListener("input", (e) => {
    const input = e.target.closest("[data-path]");
    if (!input || input.closest("#upload-result")) return;
    if (input.type === "checkbox" || input.tagName === "SELECT") return;
    queue({ op: "set", path: input.dataset.path, value: valueOf(input) }, 700);
  });
  document.addEventListener("change", (e) => {
    const input = e.target.closest("[data-path]");
    if (!input || input.closest("#upload-result")) return;
    queue({ op: "set", path: input.dataset.path, value: valueOf(input) }, 0);
  });
  document.addEventListener("focusout", (e) => {
    if (e.target.closest && e.target.closest("[data-path]")) flush();
  });
  document.addEventListener("click", (e) => {
    const button = e.target.closest("button[data-op]");
    if (!button) return;
    const edit = { op: button.dataset.op, path: button.dataset.path };
    if (edit.op === "move") edit.by = Number(button.dataset.by);
    queue(edit, 0);
  });

  // ---------------------------------------------------------------- what the checks found
  function boxFor(path) {
    let p = path;
    while (p) {
      const box = document.querySelector(`main [data-problems="${CSS.escape(p)}"]`);
      if (box && !box.closest("#upload-result")) return box;
      const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
      p = cut > 0 ? p.slice(0, cut) : "";
    }
    return null;
  }

  function problemNode(p, withPlace) {
    const item = el("div", { class: p.error ? "problem error" : "problem warning" });
    const head = el("strong", { text: `${p.error ? w("error") : w("warning")}: ` });
    item.append(head, withPlace && p.place ? `${p.place}: ${p.message}` : p.message);
    for (const h of p.hints) item.append(el("div", { class: "hint", text: `${w("hint")}: ${h}` }));
    const details = el("details", {}, el("summary", { text: w("tech") }), el("code", { text: p.tech }));
    item.append(details);
    return item;
  }

  function applyState(state) {
    for (const box of document.querySelectorAll("main .problems, main .tab-problems")) {
      if (!box.closest("#upload-result")) box.replaceChildren();
    }
    for (const input of document.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
    for (const p of state.problems) {
      if (p.path) {
        const box = boxFor(p.path);
        if (box) {
          box.append(problemNode(p, false));
          const input = document.querySelector(`[data-path="${CSS.escape(p.path)}"]`);
          if (input && p.error) input.setAttribute("aria-invalid", "true");
        }
      }
      const list = document.querySelector(`[data-tab-problems="${p.tab}"]`);
      if (list) {
        const node = problemNode(p, true);
        if (p.path) {
          const go = el("button", { type: "button", class: "go", text: w("go_to_field") });
          go.addEventListener("click", () => focusPath(p.path));
          node.append(go);
        }
        list.append(node);
      }
    }
    for (const [tab, counts] of Object.entries(state.tabs)) {
      const span = document.querySelector(`[data-count="${tab}"]`);
      if (!span) continue;
      const parts = [];
      if (counts.errors) parts.push(w("errors", { n: counts.errors }));
      if (counts.warnings) parts.push(w("warnings", { n: counts.warnings }));
      span.textContent = parts.length ? ` · ${parts.join(" · ")}` : "";
      span.classList.toggle("has-errors", counts.errors > 0);
    }
    for (const cell of document.querySelectorAll("[data-clock]")) {
      cell.textContent = state.clock[cell.dataset.clock] || "";
    }
    const count = document.getElementById("invitee-count");
    if (count) count.textContent = state.invitees;
    const badge = document.getElementById("badge");
    if (badge) {
      badge.textContent = state.date ? w("fixed", { date: state.date }) : w("draft");
      badge.className = `badge ${state.date ? "fixed" : "draft"}`;
    }
  }

  function focusPath(path) {
    let p = path;
    while (p) {
      const input = document.querySelector(`[data-path="${CSS.escape(p)}"]`)
        || document.querySelector(`[data-field="${CSS.escape(p)}"]`);
      if (input) {
        const panel = input.closest('[role="tabpanel"]');
        const tab = panel && document.querySelector(`[aria-controls="${panel.id}"]`);
        if (tab) select(tab, false);
        for (let d = input.closest("details"); d; d = d.parentElement.closest("details")) d.open = true;
        const target = input.matches("[data-path]") ? input : input.querySelector("[data-path]") || input;
        target.scrollIntoView({ block: "center" });
        if (target.focus) target.focus();
        return;
      }
      const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
      p = cut > 0 ? p.slice(0, cut) : "";
    }
  }

  // ---------------------------------------------------------------- the list
  const search = document.getElementById("list-search");
  if (search) {
    search.addEventListener("input", () => {
      const q = search.value.trim().toLowerCase();
      for (const row of document.querySelectorAll("#list-table tbody tr")) {
        const text = Array.from(row.querySelectorAll("input, select, textarea"))
          .map((i) => i.value)
          .join(" ")
          .toLowerCase();
        row.hidden = q !== "" && !text.includes(q);
      }
    });
  }

  const uploadForm = document.getElementById("upload-form");
  const uploadResult = document.getElementById("upload-result");
  if (uploadForm) {
    const chosen = document.getElementById("upload-file");
    chosen.addEventListener("change", () => {
      const file = chosen.files[0];
      document.getElementById("upload-name").textContent = file ? file.name : w("no_file");
    });
    uploadForm.addEventListener("submit", async (e) => {
      e.preventDefault();
      const file = document.getElementById("upload-file").files[0];
      const form = new FormData();
      if (file) form.append("file", file, file.name);
      uploadResult.replaceChildren(el("p", { text: w("saving") }));
      let r;
      try {
        r = await call("/api/list/upload", form);
      } catch (_) {
        r = { ok: false, data: { message: w("not_saved") } };
      }
      if (!r.ok) {
        uploadResult.replaceChildren(el("p", { class: "problem error", text: r.data.message || "" }));
        return;
      }
      uploadResult.innerHTML = r.data.html;
      for (const p of r.data.problems) {
        if (!p.path) continue;
        const box = uploadResult.querySelector(`[data-problems="${CSS.escape(p.path)}"]`);
        if (box) box.append(problemNode(p, false));
      }
      document.getElementById("use-list").addEventListener("click", async () => {
        await flush();
        const skip = Array.from(uploadResult.querySelectorAll("input.invite"))
          .filter((box) => !box.checked)
          .map((box) => Number(box.dataset.index));
        const used = await call("/api/list/use", { version, skip });
        if (used.ok) {
          sessionStorage.setItem("hoinghi-notice", used.data.message);
          reload();
        } else uploadResult.prepend(el("p", { class: "problem error", text: used.data.message || "" }));
      });
      document.getElementById("cancel-upload").addEventListener("click", async () => {
        await call("/api/list/cancel");
        uploadResult.replaceChildren();
      });
    });
  }

  // ---------------------------------------------------------------- the preview
  const preview = (function () {
    const img = document.getElementById("preview-img");
    const label = document.getElementById("page-label");
    const problems = document.getElementById("preview-problems");
    const loading = document.getElementById("preview-loading");
    const findBox = document.getElementById("find-box");
    const find = document.getElementById("find-invitee");
    const buttons = Array.from(document.querySelectorAll("[data-doc]"));
    let doc = buttons.length ? buttons[0].dataset.doc : null;
    let invitations = buttons.length ? buttons[0].dataset.invitations === "yes" : false;
    let title = buttons.length ? buttons[0].textContent : "";
    let page = 1;
    let pages = 0;
    let asked = 0;
    let stale = true;

    async function load() {
      if (!doc) return;
      const ask = ++asked;
      loading.hidden = false;
      let response;
      try {
        response = await fetch(`/api/preview?document=${encodeURIComponent(doc)}&page=${page}`);
      } catch (_) {
        loading.hidden = true;
        return;
      }
      if (ask !== asked) return;
      loading.hidden = true;
      problems.replaceChildren();
      if (!response.ok) {
        const data = await response.json().catch(() => ({}));
        if (data.message) problems.append(el("p", { class: "problem error", text: data.message }));
        for (const p of data.problems || []) problems.append(problemNode(p, true));
        return;
      }
      pages = Number(response.headers.get("x-pages")) || 1;
      const blob = await response.blob();
      if (ask !== asked) return;
      if (img.src) URL.revokeObjectURL(img.src);
      img.src = URL.createObjectURL(blob);
      const n = { n: page, m: pages };
      label.textContent = invitations ? w("invitation_of", n) : w("page_of", n);
      img.alt = w("preview_alt", { n: page, doc: title });
      stale = false;
    }

    for (const b of buttons) {
      b.addEventListener("click", () => {
        for (const other of buttons) other.removeAttribute("aria-current");
        b.setAttribute("aria-current", "true");
        doc = b.dataset.doc;
        invitations = b.dataset.invitations === "yes";
        title = b.textContent;
        findBox.hidden = !invitations;
        page = 1;
        load();
      });
    }
    if (buttons.length) {
      buttons[0].setAttribute("aria-current", "true");
      findBox.hidden = !invitations;
    }
    document.getElementById("prev").addEventListener("click", () => {
      if (page > 1) {
        page -= 1;
        load();
      }
    });
    document.getElementById("next").addEventListener("click", () => {
      if (page < pages) {
        page += 1;
        load();
      }
    });
    find.addEventListener("change", () => {
      const n = parseInt(find.value, 10);
      if (n >= 1) {
        page = n;
        load();
      }
    });
    const visible = () => !document.getElementById("panel-preview").hidden;
    return {
      show() {
        if (stale) load();
      },
      changed() {
        stale = true;
        if (visible()) load();
      },
      open(n) {
        const first = buttons.find((b) => b.dataset.invitations === "yes");
        if (first) first.click();
        page = n;
        select(document.getElementById("tab-preview"), false);
        load();
      },
    };
  })();

  // ---------------------------------------------------------------- building
  const build = (function () {
    const button = document.getElementById("build");
    const stop = document.getElementById("stop");
    const bar = document.getElementById("build-progress");
    const text = document.getElementById("build-status");
    const list = document.getElementById("build-files");
    const problems = document.getElementById("build-problems");
    let polling = false;

    function link(href, label, cls) {
      return el("a", { href, class: cls, download: "" , text: label });
    }

    function show(s) {
      bar.hidden = !s.running;
      stop.hidden = !s.running;
      button.disabled = s.running;
      if (s.running) {
        bar.max = Math.max(s.total, 1);
        bar.value = s.done;
        text.textContent = w("building", { done: s.done, total: s.total });
        return;
      }
      problems.replaceChildren();
      list.replaceChildren();
      const r = s.result;
      if (r) {
        text.textContent = r.ok
          ? w("built", { time: r.time, written: r.written.length, unchanged: r.unchanged })
          : w("build_failed");
        for (const p of r.problems) problems.append(problemNode(p, true));
      }
      if (!s.files.length) return;
      const actions = el("p", { class: "downloads" });
      // The merged file of each paper made one page per invitee (the invitations).
      for (const b of document.querySelectorAll('[data-invitations="yes"]')) {
        const merged = `${b.dataset.doc}.pdf`;
        if (s.files.some((f) => f.path === merged)) {
          actions.append(link(`/files/${merged}`, w("download_merged"), "button"), " ");
        }
      }
      actions.append(link("/download.zip", w("download_zip"), "button primary"));
      list.append(el("h3", { text: w("files") }), actions);
      const ul = el("ul", { class: "files" });
      for (const f of s.files) {
        const li = el("li");
        li.append(link(`/files/${f.path.split("/").map(encodeURIComponent).join("/")}`, f.path));
        li.append(` (${Math.max(1, Math.round(f.size / 1024))} KB)`);
        if (f.changed) li.append(" ", el("mark", { text: w("changed") }));
        ul.append(li);
      }
      list.append(ul);
    }

    async function poll() {
      if (polling) return;
      polling = true;
      for (;;) {
        let s;
        try {
          const r = await fetch("/api/build");
          s = await r.json();
        } catch (_) {
          await new Promise((ok) => setTimeout(ok, 2000));
          continue;
        }
        show(s);
        if (!s.running) break;
        await new Promise((ok) => setTimeout(ok, 400));
      }
      polling = false;
    }

    button.addEventListener("click", async () => {
      await flush();
      const r = await call("/api/build");
      if (!r.ok) {
        text.textContent = r.data.message || w("build_failed");
        return;
      }
      poll();
    });
    stop.addEventListener("click", () => call("/api/build/stop"));
    return { poll };
  })();

  // ---------------------------------------------------------------- fixing the date
  const dialog = document.getElementById("fix-dialog");
  document.getElementById("open-fix").addEventListener("click", () => dialog.showModal());
  document.getElementById("fix-cancel").addEventListener("click", () => dialog.close());
  document.getElementById("fix-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    await flush();
    const box = document.getElementById("fix-problems");
    box.replaceChildren();
    const r = await call("/api/fix-date", {
      version,
      date: document.getElementById("fix-date").value,
      number: document.getElementById("fix-number").value,
      signing: document.getElementById("fix-signing").value,
    });
    if (!r.ok) {
      box.append(el("p", { class: "problem error", text: r.data.message || "" }));
      return;
    }
    if (r.data.build) sessionStorage.setItem("hoinghi-notice", r.data.build);
    sessionStorage.setItem("hoinghi-tab", "tab-preview");
    dialog.close();
    reload();
  });

  // ---------------------------------------------------------------- starting
  applyState(JSON.parse(document.getElementById("state").textContent));
  const notice = sessionStorage.getItem("hoinghi-notice");
  if (notice) {
    sessionStorage.removeItem("hoinghi-notice");
    showBanner(notice, [[w("cancel"), hideBanner]]);
  }
  const kept = JSON.parse(localStorage.getItem(unsavedKey) || "[]");
  if (kept.length) {
    // Changes this browser could not save last time (a conflict, the server stopped).
    for (const edit of kept) {
      if (edit.op !== "set") continue;
      const input = document.querySelector(`[data-path="${CSS.escape(edit.path)}"]`);
      if (input && input.type === "checkbox") input.checked = !!edit.value;
      else if (input) input.value = edit.value;
    }
    showBanner(w("unsaved_kept", { n: kept.length }), [
      [w("apply_again"), () => { hideBanner(); putBack(kept); flush(); }],
      [w("discard"), () => { localStorage.removeItem(unsavedKey); location.reload(); }],
    ]);
  }
  const tab = document.getElementById(sessionStorage.getItem("hoinghi-tab") || "tab-info");
  if (tab) select(tab, false);
  const scroll = Number(sessionStorage.getItem("hoinghi-scroll"));
  if (scroll) {
    sessionStorage.removeItem("hoinghi-scroll");
    window.scrollTo(0, scroll);
  }
  const focused = sessionStorage.getItem("hoinghi-focus");
  if (focused) {
    sessionStorage.removeItem("hoinghi-focus");
    const field = Array.from(document.querySelectorAll("[data-path]")).find(
      (f) => f.dataset.path === focused,
    );
    if (field) {
      field.focus({ preventScroll: true });
      try {
        // The caret after what was typed (fields without a caret refuse, and need none).
        field.setSelectionRange(field.value.length, field.value.length);
      } catch (_) {
        /* a checkbox, a list of choices */
      }
    }
  }
  build.poll();
  for (const row of document.querySelectorAll("#list-table tbody tr")) {
    const n = parseInt(row.querySelector("th").textContent, 10);
    const cell = row.querySelector(".actions .buttons");
    if (!cell || !n) continue;
    const see = el("button", { type: "button", title: w("show_invitation"), "aria-label": `${w("show_invitation")} ${n}`, text: w("see") });
    see.addEventListener("click", () => preview.open(n));
    cell.prepend(see);
  }
})();
