// The proof room's page: the page image with its marks, the source of a clicked line, findings, versions,
// changes. Everything comes from the JSON API (/api/*) and the event stream (/events); no library.
"use strict";

const $ = (id) => document.getElementById(id);
const room = {
  page: null,        // /api/page
  shownVersion: null,
  zoom: null,        // CSS pixels per mm; null: fit the width
  compare: null,     // /api/compare of the marked versions
  hit: null,         // /api/locate of the last click
  shown: {},         // version -> time (ms since the epoch) its page was on screen: benchmarks/bench_room.py
  located: [],       // ms from a click to its source shown
  viewing: null,     // a version chosen in the list; null: the latest good page
  session: null,     // /api/session: who is asking, what they may sign, the CSRF token
  marks: [],         // /api/marks on the version shown
  signoff: null,     // /api/signoff
  selection: null,   // characters chosen for a mark: /api/span and the one first chosen (anchor)
  down: null,        // where the mouse went down on the page: a drag selects a range
  marked: [],        // ms from "Mark" pressed to the mark drawn on the page
  signed: [],        // ms from "Sign" pressed to the chain showing the signature
};
window.room = room;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
}

async function getJSON(url) {
  const response = await fetch(url, { cache: "no-store" });
  if (response.status === 401) { location.assign("/login"); throw new Error("log in first"); }
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

async function post(url, body) {  // a write: JSON, with the session's CSRF token
  const response = await fetch(url, {
    method: "POST", cache: "no-store",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": room.session.csrf },
    body: JSON.stringify(body),
  });
  const doc = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(doc.error || `${url}: ${response.status}`);
  return doc;
}

const nextFrame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));

// ------------------------------------------------------------------ geometry

function scale() {  // CSS pixels per mm
  if (room.zoom) return room.zoom;
  const width = $("viewport").clientWidth - 32;
  return room.page && room.page.trim_mm ? Math.max(0.5, width / room.page.trim_mm[0]) : 2;
}

function place(node, box) {
  const k = scale();
  node.style.left = `${box.x_mm * k}px`; node.style.top = `${box.y_mm * k}px`;
  node.style.width = `${Math.max(box.width_mm * k, 2)}px`; node.style.height = `${Math.max(box.height_mm * k, 2)}px`;
  node.dataset.box = JSON.stringify(box);
  return node;
}

function layoutSheet() {
  if (!room.page || !room.page.trim_mm) return;
  const k = scale();
  $("sheet").style.width = `${room.page.trim_mm[0] * k}px`;
  $("sheet").style.height = `${room.page.trim_mm[1] * k}px`;
  $("zoom-label").textContent = `${Math.round(k / (96 / 25.4) * 100)}%`;
  for (const mark of $("overlay").children) place(mark, JSON.parse(mark.dataset.box));
}

function dpi() {  // the image's resolution for this zoom on this screen, in steps of 12 dpi
  const wanted = scale() * 25.4 * (window.devicePixelRatio || 1);
  return Math.min(600, Math.max(12, Math.round(wanted / 12) * 12));
}

async function showImage(version) {
  const url = `/page/${version}.png?dpi=${dpi()}`;
  const img = $("page");
  if (img.dataset.url === url) return;
  const next = new Image();
  next.src = url;
  await next.decode();  // the last page stays on screen until the new one is ready
  img.src = url; img.dataset.url = url;
  await nextFrame();
  room.shown[version] = performance.timeOrigin + performance.now();
}

function scrollTo(box) {
  const k = scale(), viewport = $("viewport"), sheet = $("sheet");
  viewport.scrollTo({
    left: sheet.offsetLeft + box.x_mm * k - viewport.clientWidth / 2,
    top: sheet.offsetTop + box.y_mm * k - viewport.clientHeight / 3,
    behavior: "smooth",
  });
}

// ------------------------------------------------------------------ the page and its marks

function drawMarks() {
  const overlay = $("overlay");
  overlay.replaceChildren();
  const findings = room.page && room.shownVersion === room.page.version ? room.page.findings || [] : [];
  for (const f of findings)
    for (const box of f.boxes) overlay.append(place(el("div", { class: `mark finding ${f.kind}`, "data-finding": f.id, title: f.message }), box));
  for (const m of room.marks)
    m.boxes.forEach((box, i) => overlay.append(place(el("div", {
      class: `mark proof ${m.state}${m.start === m.end ? " point" : ""}`, "data-mark": m.id,
      "data-label": i === 0 ? `#${m.id}` : "", title: `#${m.id} ${m.note} (${m.person})`,
    }), box)));
  if (room.selection && room.selection.version === room.shownVersion)
    for (const box of room.selection.boxes) overlay.append(place(el("div", { class: "mark selection" }), box));
  if (room.compare) {
    for (const line of room.compare.lines)
      overlay.append(place(el("div", { class: `mark ${line.state}`, title: lineTitle(line) }), line));
    for (const a of room.compare.adjustments || [])
      for (const box of a.boxes || []) overlay.append(place(el("div", { class: "mark adjust", title: `${a.block} ${a.what}` }), box));
  }
  if (room.hit && room.hit.block && room.hit.version === room.shownVersion) {
    overlay.append(place(el("div", { class: "mark hit" }), room.hit.box));
    overlay.append(place(el("div", { class: "mark glyph" }), room.hit.glyph));
  }
}

function lineTitle(line) {
  return line.state === "moved" ? `${line.block}: 仅重排 reflow only` : `${line.block}: −${line.removed} +${line.added}`;
}

async function refresh() {
  const page = await getJSON("/api/page");
  const previous = room.shownVersion;
  room.page = page;
  $("files").textContent = `${page.content} · ${page.layout}`;
  showErrors(page);
  if (page.version === null) return;
  const version = room.viewing ?? page.version;
  layoutSheet();
  $("pdf-link").href = `/page/${version}.pdf`;
  await showImage(version);
  room.shownVersion = version;
  await refreshLedger();  // the marks where they are on this version, the chain on the latest
  showFindings(page);
  await showVersions();
  if (room.viewing === null && previous !== null && previous !== page.version) {
    $("old").value = previous; $("new").value = page.version;
    await compareVersions();
  }
  document.body.dataset.shown = version;  // for tests: the version on screen, its marks, versions and changes
}

async function view(version) {  // a version from the list; the latest: null
  room.viewing = version === room.page.version ? null : version;
  room.hit = null; room.selection = null;
  showSelection();
  await refresh();
}

function showErrors(page) {
  const status = $("status");
  if (page.ok && page.version === null) { status.textContent = "构建中 building…"; return; }
  if (page.ok) {
    $("errors").hidden = true;
    status.className = "status ok";
    status.textContent = `v${page.version} · 已更新 built ${page.built_at.slice(11, 19)} UTC · ${Math.round(page.seconds * 1000)} ms`;
    if (room.viewing !== null) {
      status.className = "status viewing";
      status.textContent = `查看旧版 viewing v${room.viewing} · 最新 latest v${page.version}`;
    }
    return;
  }
  status.className = "status failed";
  status.textContent = "构建失败 build failed";
  $("errors-note").textContent = page.version === null
    ? "还没有可显示的版面 no page yet"
    : `仍显示上一个正确的版面 v${page.version} (the last good page stays on screen)`;
  const list = $("error-list");
  list.replaceChildren(...page.errors.map((e) => {
    const item = el("li", {}, el("span", { class: "where" }, e.file ? `${e.file}:${e.line}:${e.column}: ` : ""), e.message);
    if (e.file && e.line) showSourceLines(item, e);
    return item;
  }));
  $("errors").hidden = false;
}

async function showSourceLines(item, e) {
  try {
    const src = await getJSON(`/api/source?file=${encodeURIComponent(e.file)}&line=${e.line}&column=${e.column}`);
    item.append(yaml(src));
  } catch (_) { /* a file outside the project, or gone: the message alone */ }
}

function yaml(src) {  // source lines with the highlighted columns
  const pre = el("pre", { class: "yaml" });
  src.lines.forEach((text, i) => {
    const number = src.first + i, h = src.highlight;
    const row = el("span", { class: number === h.line ? "row here" : "row" }, el("span", { class: "no" }, String(number)));
    const chars = Array.from(text);
    if (number === h.line) {
      const a = h.start - 1, b = Math.max(h.end - 1, a + 1), c = h.clicked ? h.clicked - 1 : -1;
      row.append(chars.slice(0, a).join(""));
      const marked = el("mark");
      chars.slice(a, b).forEach((ch, j) => marked.append(a + j === c ? el("mark", { class: "clicked" }, ch) : ch));
      row.append(marked, chars.slice(b).join(""));
    } else row.append(text);
    pre.append(row);
  });
  return pre;
}

// ------------------------------------------------------------------ click → source

function locateAt(clientX, clientY) {  // the line and character at a point of the screen
  const rect = $("sheet").getBoundingClientRect(), k = scale();
  const x = (clientX - rect.left) / k, y = (clientY - rect.top) / k;
  return getJSON(`/api/locate?x_mm=${x.toFixed(2)}&y_mm=${y.toFixed(2)}&version=${room.shownVersion}`);
}

async function clicked(event, down) {  // `down`: where the mouse went down for this click
  if (!room.page || room.shownVersion === null) return;
  if (down && Math.hypot(event.clientX - down.x, event.clientY - down.y) > 4) return dragged(down, event);
  const started = performance.now();
  let hit;
  try { hit = await locateAt(event.clientX, event.clientY); } catch (_) {
    $("source").replaceChildren(el("p", { class: "hint" }, `v${room.shownVersion} 的行不在内存中（本次启动之前构建）。The lines of v${room.shownVersion} are not in memory (built before this room started).`));
    return;
  }
  room.hit = hit;
  showSource(hit);
  const s = room.selection;
  await select(hit, event.shiftKey && s && s.block === hit.block && s.version === hit.version ? s.anchor : null);
  drawMarks();
  await new Promise((done) => requestAnimationFrame(done));
  room.located.push(performance.now() - started);
  document.body.dataset.located = room.located.length;
}

async function dragged(down, event) {  // a drag across a line: the characters from where it started to where it ended
  const [from, to] = await Promise.all([locateAt(down.x, down.y), locateAt(event.clientX, event.clientY)]);
  room.hit = to;
  showSource(to);
  room.selection = null;
  if (from.block && from.block === to.block && from.offset !== null) await select(to, from.offset);
  else $("mark-hint").textContent = "一个标记只在一个段落里。A mark stays within one block: drag within a paragraph.";
  drawMarks();
}

// ------------------------------------------------------------------ marks

async function select(hit, anchor) {  // the character hit, or from `anchor` (an offset in the same block) to it
  if (!room.session || !room.session.ledger || !hit.block || hit.offset === null || hit.offset === undefined) {
    room.selection = null; showSelection(); return;
  }
  const from = anchor ?? hit.offset;
  const start = Math.min(from, hit.offset), end = Math.max(from, hit.offset) + 1;
  const point = $("sel-point").checked;
  const span = await getJSON(`/api/span?version=${hit.version}&block=${encodeURIComponent(hit.block)}&start=${start}&end=${point ? start : end}`);
  room.selection = { ...span, anchor: from, end: point ? start : end, full: end };
  showSelection();
}

async function togglePoint() {  // a point before the first character chosen, or the characters again
  const s = room.selection;
  if (!s) return;
  const end = $("sel-point").checked ? s.start : s.full;
  const span = await getJSON(`/api/span?version=${s.version}&block=${encodeURIComponent(s.block)}&start=${s.start}&end=${end}`);
  room.selection = { ...s, ...span };
  showSelection(); drawMarks();
}

function showSelection() {
  const s = room.selection;
  $("mark-form").hidden = !s;
  $("mark-error").textContent = "";
  if (!s) return;
  $("sel-block").textContent = s.block;
  $("sel-text").textContent = s.start === s.end ? "‸" : s.text;
  $("sel-range").textContent = s.start === s.end ? `@${s.start}` : `${s.start}–${s.end}`;
}

async function addMark() {
  const s = room.selection;
  if (!s) return;
  const started = performance.now();
  $("mark-error").textContent = "";
  try {
    const role = $("mark-role").value || null;
    const mark = await post("/api/marks", { version: s.version, block: s.block, start: s.start, end: s.end, text: s.text, note: $("mark-note").value, role });
    room.selection = null; $("mark-note").value = ""; $("sel-point").checked = false;
    showSelection();
    await refreshLedger();
    room.marked.push(performance.now() - started);
    document.body.dataset.marked = mark.mark.id;
  } catch (e) { $("mark-error").textContent = e.message; }
}

async function refreshLedger() {
  if (!room.session || !room.session.ledger || room.shownVersion === null) { drawMarks(); return; }
  const [marks, signoff] = await Promise.all([getJSON(`/api/marks?version=${room.shownVersion}`), getJSON("/api/signoff")]);
  room.marks = marks.marks.map((m) => ({ ...m.mark, boxes: m.boxes })); room.signoff = signoff;
  drawMarks();
  showMarks();
  showSignoff();
  await nextFrame();
  document.body.dataset.ledger = (Number(document.body.dataset.ledger) || 0) + 1;
}

function markState(m) {
  if (m.state === "open") return el("span", { class: "state open" }, "待改 open");
  if (m.resolved_in) return el("span", { class: "state resolved" }, `已改 resolved in v${m.resolved_in}`);
  return el("span", { class: "state resolved" }, `已核 resolved by ${m.resolved_by.person} (${m.resolved_by.role}): ${m.resolved_by.note}`);
}

function showMarks() {
  const open = room.marks.filter((m) => m.state === "open").length;
  $("marks-count").textContent = room.marks.length ? `${open} 待改 open / ${room.marks.length}` : "无 none";
  $("marks").replaceChildren(...room.marks.map((m) => {
    const item = el("li", { class: `proof ${m.state}`, "data-mark": m.id, onclick: () => flashMark(m) },
      el("b", {}, `#${m.id} `), markState(m), " ", el("span", { class: "block" }, m.block), " ",
      m.start === m.end ? el("q", {}, "‸") : el("q", {}, m.text), " ", el("span", { class: "note" }, m.note),
      el("span", { class: "by" }, ` — ${m.person}${m.role ? ` (${m.role})` : ""} · v${m.version}`));
    if (m.state === "open" && room.session.roles.length) item.append(" ", el("button", { class: "resolve", onclick: (e) => { e.stopPropagation(); resolveForm(item, m); } }, "核 Resolve"));
    return item;
  }));
}

function flashMark(m) {
  if (!m.boxes.length) return;
  scrollTo(m.boxes[0]);
  for (const mark of document.querySelectorAll(`.mark.proof[data-mark="${m.id}"]`)) {
    mark.classList.remove("flash"); void mark.offsetWidth; mark.classList.add("flash");
  }
}

function resolveForm(item, m) {  // 核红 by hand: the person's role and a note of what was checked
  if (item.querySelector("form")) return;
  const role = el("select", { "aria-label": "角色 role" }, room.session.roles.map((r) => el("option", { value: r }, r)));
  const note = el("input", { placeholder: "核对说明 what was checked", "aria-label": "核对说明 note" });
  const error = el("span", { class: "error" });
  const form = el("form", { class: "row", onclick: (e) => e.stopPropagation(), onsubmit: async (e) => {
    e.preventDefault();
    try { await post(`/api/marks/${m.id}/resolve`, { role: role.value, note: note.value }); await refreshLedger(); }
    catch (err) { error.textContent = err.message; }
  } }, role, note, el("button", {}, "确认 Resolve"), error);
  item.append(form);
  note.focus();
}

// ------------------------------------------------------------------ sign-off

function showSignoff() {
  const doc = room.signoff, status = doc.status, latest = status.latest;
  $("release-state").replaceChildren(status.releasable
    ? el("span", { class: "badge ok" }, "可付印 may be released")
    : el("span", { class: "badge no" }, "不可付印 not releasable"));
  const stale = status.must_sign_again;
  $("stale").hidden = !stale.length;
  $("stale").textContent = stale.length ? `版面已变：${stale.join("、")} 须重签 v${latest.number}. The page changed since their signatures: ${stale.join(", ")} must sign again.` : "";
  const open = status.open_marks;
  $("chain").replaceChildren(...status.chain.map((r) => chainRow(r, status, open)));
  $("missing").replaceChildren(...status.missing.map((m) => el("li", {}, m)));
}

function chainRow(r, status, open) {
  const latest = status.latest;
  const parts = [el("b", { class: "role" }, r.role), " "];
  if (r.signature) {
    parts.push(el("span", { class: "state signed" }, "已签 signed"), ` ${r.signature.person} · v${r.signature.version} · ${r.signature.at.slice(0, 16).replace("T", " ")}`);
    if (r.signature.note) parts.push(el("span", { class: "note" }, ` “${r.signature.note}”`));
  } else if (r.stale) {
    parts.push(el("span", { class: "state stale" }, "须重签 stale"), ` ${r.stale.person} 签于 signed v${r.stale.version}; 此后改动 changed since: ${r.changed.join(", ") || "PDF"} `,
      el("button", { class: "show-changes", onclick: () => showChangesSince(r.stale.version) }, "看改动 changes"));
  } else parts.push(el("span", { class: "state unsigned" }, "未签 unsigned"));
  if (r.holders) parts.push(el("span", { class: "holders" }, ` · ${r.holders.join("、") || "无人 no one"}`));
  if (room.session.roles.includes(r.role) && !r.signature && latest) {
    const why = r.role !== status.next_role ? `先签 first: ${status.next_role}`
      : room.shownVersion !== latest.number ? `只签最新版 v${latest.number} only the latest is signed`
      : open ? `${open} 处标记未改 open marks block it (核红)` : "";
    const button = el("button", { class: "sign", "data-role": r.role, title: why || `签 v${latest.number}`, onclick: () => sign(r.role) }, `签字 Sign v${latest.number}`);
    button.disabled = Boolean(why);
    parts.push(" ", button);
    if (why && r.role === status.next_role) parts.push(el("span", { class: "why" }, ` ${why}`));
  }
  return el("li", { class: `link ${r.state}`, "data-role": r.role }, ...parts);
}

async function sign(role) {
  const started = performance.now();
  $("sign-error").textContent = "";
  try {
    const note = $("sign-note").value;
    await post("/api/sign", { version: room.shownVersion, role, note });
    // cleared only if it still holds what was signed: a note typed for the next role while this one was on
    // its way (the chain shows the signature as soon as the ledger announces it) is kept
    if ($("sign-note").value === note) $("sign-note").value = "";
    await refreshLedger();
    room.signed.push(performance.now() - started);
  } catch (e) { $("sign-error").textContent = e.message; }
}

async function showChangesSince(version) {
  $("old").value = version; $("new").value = room.page.version;
  await compareVersions();
}

async function showWho() {
  room.session = await getJSON("/api/session");
  const who = room.session;
  const parts = [el("span", { class: "person" }, who.person || "?"), who.login_required ? "" : " (本机 local)"];
  if (who.login_required) parts.push(" ", el("button", { id: "logout", onclick: async () => { await post("/api/logout", {}); location.assign("/login"); } }, "登出 Log out"));
  $("who").replaceChildren(...parts);
  $("mark-role").replaceChildren(el("option", { value: "" }, "校次 pass —"), ...who.roles.map((r) => el("option", { value: r }, r)));
  $("marking").hidden = $("signing").hidden = !who.ledger;
}

function showSource(hit) {
  const box = $("source");
  if (!hit.block) { box.replaceChildren(el("p", { class: "hint" }, "此处没有文字 No text here.")); return; }
  const where = hit.line ? `${hit.file}:${hit.line}:${hit.column}` : hit.file;
  const parts = [
    el("p", {}, el("span", { class: "block", id: "hit-block" }, hit.block), ` 第 ${hit.block_line} 行 line ${hit.block_line} · `,
      el("span", { class: "where", id: "hit-where" }, where)),
    el("p", { id: "hit-text" }, hit.text),
  ];
  if (hit.source) {
    hit.source.highlight.clicked = hit.exact ? hit.column : 0;
    parts.push(yaml(hit.source));
    if (!hit.exact) parts.push(el("p", { class: "hint" }, "该值跨行书写，位置指向值的开头。The value spans lines; the place is its start."));
  }
  box.replaceChildren(...parts);
}

// ------------------------------------------------------------------ findings

function showFindings(page) {
  if (page.findings === null) { $("findings-count").textContent = "检查中 checking…"; return; }
  const findings = page.findings;
  document.body.dataset.checked = page.version;
  $("findings-count").textContent = findings.length ? `${findings.length}` : "无 none";
  $("findings").replaceChildren(...findings.map((f) => el("li", {
    class: f.kind, "data-finding": f.id,
    onclick: () => {
      if (!f.boxes.length) return;
      scrollTo(f.boxes[0]);
      for (const mark of document.querySelectorAll(`.mark[data-finding="${f.id}"]`)) {
        mark.classList.remove("flash"); void mark.offsetWidth; mark.classList.add("flash");
      }
    },
  }, el("span", { class: "block" }, f.block), ` ${f.rule}: ${f.message}`)));
}

// ------------------------------------------------------------------ versions and changes

async function showVersions() {
  const data = await getJSON("/api/versions");
  $("versions").replaceChildren(...data.versions.map((v) => el("li", {
    class: [v.version === data.current ? "current" : "", v.version === room.shownVersion ? "shown" : ""].join(" "),
    "data-version": v.version, title: "显示此版 show this version", onclick: () => view(v.version),
  }, `v${v.version} · ${v.built_at.slice(0, 19).replace("T", " ")} UTC · PDF `, el("span", { class: "digest" }, v.pdf_sha256.slice(0, 12)),
    " · 内容 content ", el("span", { class: "digest" }, v.content_sha256.slice(0, 12)))));
  for (const id of ["old", "new"]) {
    const select = $(id), value = select.value;
    select.replaceChildren(...data.versions.map((v) => el("option", { value: v.version }, `v${v.version}`)));
    if (value) select.value = value;
  }
  if (!$("new").value || !data.versions.some((v) => String(v.version) === $("new").value)) $("new").value = data.current;
}

async function compareVersions() {
  const old = $("old").value, now = $("new").value;
  if (!old || !now) return;
  room.compare = await getJSON(`/api/compare?old=${old}&new=${now}`);
  showChanges(room.compare);
  drawMarks();
  document.body.dataset.compared = `${old}-${now}`;
}

function showChanges(c) {
  const box = $("changes");
  if (c.identical) { box.replaceChildren(el("p", {}, `v${c.old} → v${c.new}: 无改动 no changes`)); return; }
  const changed = c.lines.filter((l) => l.state === "changed"), moved = c.lines.length - changed.length;
  const parts = [el("p", { id: "change-summary" },
    `v${c.old} → v${c.new}: ${changed.length} 行改动 lines changed, ${moved} 行仅重排 only reflowed`)];
  parts.push(el("ul", {}, changed.map((l) => el("li", { class: "changed-line", onclick: () => scrollTo(l) },
    el("span", { class: "block" }, l.block), " ",
    l.removed ? el("del", {}, l.removed) : null, l.added ? el("ins", {}, l.added) : null))));
  for (const b of c.added) parts.push(el("p", {}, "新增 added ", el("span", { class: "block" }, b)));
  for (const b of c.removed) parts.push(el("p", {}, "删除 removed ", el("span", { class: "block" }, b)));
  if (c.adjustments && c.adjustments.length)
    parts.push(el("p", {}, "调整不同 fitting differs:"), el("ul", {}, c.adjustments.map((a) => el("li", {},
      el("span", { class: "block" }, a.block), ` ${a.what}: ${a.old ?? "—"} → ${a.new ?? "—"}`))));
  box.replaceChildren(...parts);
}

// ------------------------------------------------------------------ start

function zoomBy(factor) {
  room.zoom = Math.min(12, Math.max(0.5, scale() * factor));
  layoutSheet();
  if (room.shownVersion !== null) showImage(room.shownVersion);
}

window.addEventListener("DOMContentLoaded", async () => {
  await showWho();
  $("sheet").addEventListener("mousedown", (e) => { room.down = { x: e.clientX, y: e.clientY }; });
  let clicks = Promise.resolve();  // one after the other: a shift-click extends what the click before selected
  $("sheet").addEventListener("click", (e) => {
    const down = room.down;
    room.down = null;
    clicks = clicks.then(() => clicked(e, down)).catch((err) => console.error(err));
  });
  $("sel-point").onchange = togglePoint;
  $("mark-add").onclick = addMark;
  $("mark-note").addEventListener("keydown", (e) => { if (e.key === "Enter") addMark(); });
  for (const b of document.querySelectorAll("[data-note]")) b.onclick = () => {
    const note = $("mark-note");
    note.value = b.dataset.note; note.focus();
    const quote = note.value.indexOf("”");
    if (quote >= 0) note.setSelectionRange(quote, quote);  // the caret between the quotes of 改为“”
  };
  $("zoom-in").onclick = () => zoomBy(1.25);
  $("zoom-out").onclick = () => zoomBy(0.8);
  $("zoom-fit").onclick = () => { room.zoom = null; layoutSheet(); if (room.shownVersion !== null) showImage(room.shownVersion); };
  $("compare").onclick = compareVersions;
  $("clear").onclick = () => { room.compare = null; $("changes").replaceChildren(); drawMarks(); };
  $("show-moved").onchange = (e) => $("sheet").classList.toggle("hide-moved", !e.target.checked);
  $("sheet").classList.add("hide-moved");
  window.addEventListener("resize", () => { if (!room.zoom) layoutSheet(); });
  const events = new EventSource("/events");
  let busy = Promise.resolve();
  const update = () => { busy = busy.then(refresh).catch((e) => console.error(e)); };
  events.addEventListener("hello", update);
  events.addEventListener("build", update);
  events.addEventListener("ledger", () => { busy = busy.then(refreshLedger).catch((e) => console.error(e)); });
  events.onerror = () => { $("status").className = "status failed"; $("status").textContent = "连接中断 disconnected; retrying"; };
});
