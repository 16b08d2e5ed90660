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
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

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
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  room.shown[version] = performance.timeOrigin + performance.now();
  document.body.dataset.shown = version;  // for tests and benchmarks: the version on screen
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
  for (const f of (room.page && room.page.findings) || [])
    for (const box of f.boxes) overlay.append(place(el("div", { class: `mark finding ${f.kind}`, "data-finding": f.id, title: f.message }), box));
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
  layoutSheet();
  $("pdf-link").href = `/page/${page.version}.pdf`;
  await showImage(page.version);
  room.shownVersion = page.version;
  drawMarks();
  showFindings(page);
  await showVersions();
  if (previous !== null && previous !== page.version) {
    $("old").value = previous; $("new").value = page.version;
    await compareVersions();
  }
}

function showErrors(page) {
  const status = $("status");
  if (page.ok) {
    $("errors").hidden = true;
    status.className = "status ok";
    status.textContent = `v${page.version} · 已更新 built ${page.built_at.slice(11, 19)} UTC · ${Math.round(page.seconds * 1000)} ms`;
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

async function clicked(event) {
  if (!room.page || room.shownVersion === null) return;
  const started = performance.now();
  const rect = $("sheet").getBoundingClientRect(), k = scale();
  const x = (event.clientX - rect.left) / k, y = (event.clientY - rect.top) / k;
  const hit = await getJSON(`/api/locate?x_mm=${x.toFixed(2)}&y_mm=${y.toFixed(2)}&version=${room.shownVersion}`);
  room.hit = hit;
  showSource(hit);
  drawMarks();
  await new Promise((done) => requestAnimationFrame(done));
  room.located.push(performance.now() - started);
  document.body.dataset.located = room.located.length;
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
  $("versions").replaceChildren(...data.versions.map((v) => el("li", { class: v.version === data.current ? "current" : "" },
    `v${v.version} · ${v.built_at.slice(11, 19)} UTC · PDF `, el("span", { class: "digest" }, v.pdf_sha256.slice(0, 12)),
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

window.addEventListener("DOMContentLoaded", () => {
  $("sheet").addEventListener("click", clicked);
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
  events.onerror = () => { $("status").className = "status failed"; $("status").textContent = "连接中断 disconnected; retrying"; };
});
