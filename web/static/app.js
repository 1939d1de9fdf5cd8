// envelope's page: every value is computed by the engine (web/wasm) in
// this page; nothing is sent anywhere. The engine's API is described in
// web/wasm/main.go: each call returns JSON.
"use strict";

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...kids) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...kids);
  return e;
};
const call = (op, ...args) => JSON.parse(globalThis.envelope[op](...args));

// What the page shows: the scenario as loaded (a preset's name, or the
// source of a file or of edited YAML) and its last view.
const state = { preset: null, file: "", source: "", view: null, open: new Set() };

async function start() {
  const go = new Go();
  let module;
  if (typeof globalThis.envelopeWasm === "string") {
    // The static site: the engine is inlined, gzipped, in engine.js.
    const bytes = Uint8Array.from(atob(globalThis.envelopeWasm), (c) => c.charCodeAt(0));
    const raw = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
    module = await WebAssembly.instantiate(raw, go.importObject);
  } else {
    module = await WebAssembly.instantiateStreaming(fetch("engine.wasm"), go.importObject);
  }
  const ready = new Promise((resolve) => addEventListener("envelope-ready", resolve, { once: true }));
  go.run(module.instance);
  await ready;
  $("status").textContent = "Computed in this page.";
  listPresets("");
  openFirst();
}

function listPresets(query) {
  const all = call("presets");
  const names = (query.trim() ? call("search", query) : all.map((p) => p.name)) || [];
  const byName = new Map(all.map((p) => [p.name, p]));
  const q = query.trim().toLowerCase();
  const files = (globalThis.envelopeFiles || []).filter((f) => !f.preset && f.name.toLowerCase().includes(q));
  const select = $("presets");
  select.replaceChildren(
    ...files.map((f) => el("option", { value: "file:" + f.name, textContent: f.name })),
    ...names.map((n) => {
      const p = byName.get(n);
      const alias = p.aliases && p.aliases.length ? ` (${p.aliases.join(", ")})` : "";
      return el("option", { value: n, textContent: `${n}${alias} — ${p.title || ""}` });
    }));
  if (state.preset) select.value = state.preset;
}

// openFirst opens what the link's fragment names, or else the first
// scenario named on the command line, or else url-shortener.
function openFirst() {
  const params = new URLSearchParams(location.hash.slice(1));
  const sets = params.getAll("set");
  if (params.has("preset")) return openPreset(params.get("preset"), sets);
  if (params.has("yaml")) {
    const r = call("unpack", params.get("yaml"));
    if (r.errors) return showLoadErrors(r.errors);
    return openSource(params.get("file") || "shared.yaml", r.text, sets);
  }
  const first = (globalThis.envelopeFiles || [])[0];
  if (first && first.preset) return openPreset(first.preset, []);
  if (first) return openSource(first.name, first.source, []);
  openPreset("url-shortener", []);
}

function openPreset(name, sets) {
  const r = call("preset", name);
  if (r.errors) return showLoadErrors(r.errors);
  openSource(r.file, r.source, sets, name);
}

function openSource(file, source, sets, preset = null) {
  const r = call("load", file, source);
  $("source").value = source;
  showLoadErrors(r.errors || []);
  if (r.errors) return;
  Object.assign(state, { preset, file, source, open: new Set() });
  if (preset) $("presets").value = preset;
  let v = r.view;
  const failed = [];
  for (const s of sets) {
    const i = s.indexOf("=");
    const [name, text] = [s.slice(0, i), s.slice(i + 1)];
    const set = call("set", name, text);
    if (set.view) v = set.view;
    else failed.push([name, text, set]);
  }
  build(v);
  // A link's value that does not hold is shown in its field, with why.
  for (const [name, text, set] of failed) {
    const field = $(fieldId(name));
    if (!field) {
      showLoadErrors(set.errors);
      continue;
    }
    field.value = text;
    show(name, set);
  }
}

function showLoadErrors(errors) {
  $("load-errors").replaceChildren(...errors.map((e) => {
    const where = e.line ? `${e.file || "YAML"}:${e.line}:${e.column || 1}: ` : "";
    const text = where + (e.path ? e.path + ": " : "") + e.message;
    if (!e.line) return el("li", { textContent: text });
    const b = el("button", { type: "button", textContent: text, title: "Show this place in the YAML" });
    b.addEventListener("click", () => showPlace(e));
    return el("li", {}, b);
  }));
  if (errors.length) $("source-box").open = true;
}

// showPlace selects an error's span in the YAML text.
function showPlace(e) {
  const ta = $("source");
  const lines = ta.value.split("\n");
  let off = 0;
  for (let i = 0; i < e.line - 1 && i < lines.length; i++) off += lines[i].length + 1;
  const line = Array.from(lines[e.line - 1] || "");
  const start = off + line.slice(0, (e.column || 1) - 1).join("").length;
  const end = off + line.slice(0, (e.end_column || e.column + 1 || 2) - 1).join("").length;
  $("source-box").open = true;
  ta.focus();
  ta.setSelectionRange(start, Math.max(end, start + 1));
}

// build draws a newly loaded scenario; update redraws its values.
function build(v) {
  $("scenario").hidden = false;
  $("title").textContent = v.title || v.name;
  $("description").textContent = v.description || "";
  $("inputs").replaceChildren(...v.inputs.map(inputField));
  $("outputs").replaceChildren(...v.outputs.map(outputRow));
  $("sweep-input").replaceChildren(el("option", { value: "", textContent: "(none)" }),
    ...v.inputs.map((i) => el("option", { value: i.name, textContent: i.name })));
  $("charts").replaceChildren();
  update(v);
}

const fieldId = (name) => "f-" + name;

function inputField(inp) {
  const field = el("input", { type: "text", id: fieldId(inp.name), value: inp.text, spellcheck: false, autocomplete: "off" });
  field.setAttribute("aria-describedby", `d-${inp.name} e-${inp.name}`);
  const slider = el("input", { type: "range", min: 0, max: 1000, step: 1, id: "s-" + inp.name });
  slider.setAttribute("aria-label", inp.name + ", slider");
  const box = el("div", { className: "input", id: "in-" + inp.name },
    el("div", { className: "head" },
      el("label", { htmlFor: field.id, textContent: inp.name }),
      el("span", { className: "display", id: "v-" + inp.name })),
    field,
    el("p", { className: "error", id: "e-" + inp.name }),
    slider,
    el("p", { className: "desc", id: "d-" + inp.name, textContent: inp.description || "" }));
  box.slider = inp.slider; // the span is the file's value's, kept while sliding
  field.addEventListener("input", () => setInput(inp.name, field.value));
  slider.addEventListener("input", () => {
    const r = call("slide", inp.name, fromSlider(box.slider, +slider.value));
    if (r.text !== undefined) field.value = r.text;
    show(inp.name, r);
  });
  return box;
}

function setInput(name, text) {
  const t0 = performance.now();
  show(name, call("set", name, text));
  (globalThis.envelopeTimings ||= []).push(performance.now() - t0);
}

// show draws the answer to an edit of one input: its error under its
// field, or the new values.
function show(name, r) {
  const err = (r.errors || []).find((e) => e.path === name) || (r.errors || [])[0];
  const field = $(fieldId(name));
  $("e-" + name).textContent = r.view ? "" : err ? (err.column ? `column ${err.column}: ` : "") + err.message : "";
  field.setAttribute("aria-invalid", r.view ? "false" : "true");
  if (r.view) update(r.view);
}

const fromSlider = (s, pos) => s.log
  ? Math.exp(Math.log(s.min) + (pos / 1000) * (Math.log(s.max) - Math.log(s.min)))
  : s.min + (pos / 1000) * (s.max - s.min);
const toSlider = (s, v) => {
  const f = s.log ? (Math.log(v) - Math.log(s.min)) / (Math.log(s.max) - Math.log(s.min)) : (v - s.min) / (s.max - s.min);
  return Math.round(1000 * Math.min(1, Math.max(0, f || 0)));
};

function outputRow(out) {
  const working = el("div", { className: "panel", id: "w-" + out.name, hidden: true },
    el("pre", { className: "working", id: "wt-" + out.name }),
    el("div", { className: "sens", id: "sens-" + out.name }));
  const button = el("button", { type: "button", id: "o-" + out.name },
    el("span", { className: "name", textContent: out.name }),
    el("span", { className: "value", id: "ov-" + out.name }));
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", working.id);
  button.addEventListener("click", () => {
    const open = !state.open.has(out.name);
    open ? state.open.add(out.name) : state.open.delete(out.name);
    button.setAttribute("aria-expanded", String(open));
    working.hidden = !open;
    if (open) explain(out.name);
  });
  const li = el("li", { className: "output" + (out.headline ? " headline" : ""), id: "out-" + out.name }, button,
    el("div", { className: "hist", id: "h-" + out.name }));
  if (out.description) li.append(el("p", { className: "desc", textContent: out.description }));
  li.append(working);
  return li;
}

// explain fills an output's working panel: its working and, when inputs
// have ranges, which of them drive it (computed only for open panels).
function explain(name) {
  const r = call("explain", name);
  $("wt-" + name).textContent = r.text || (r.errors || []).map((e) => e.message).join("\n");
  const box = $("sens-" + name);
  if (!state.view || !state.view.samples) return box.replaceChildren();
  const s = call("sensitivity", name);
  box.replaceChildren(sensitivityChart(name, s.influences || []));
}

const SVG = "http://www.w3.org/2000/svg";
const svg = (tag, attrs = {}, ...kids) => {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...kids);
  return e;
};

// histogram draws a distribution's bins, from its 5th to 95th percentile,
// into box: in place when box already holds one, since building thirty
// charts afresh took most of the page's update after an edit.
function histogram(box, name, d) {
  const w = 160, h = 28, n = d.bins.length, top = Math.max(1, ...d.bins);
  const label = `Histogram of ${name}, 90% of ${d.samples.toLocaleString("en")} samples from ${d.low} to ${d.high}, median ${d.median}`;
  let fig = box.firstElementChild;
  if (!fig || fig.querySelectorAll("rect").length !== n) {
    fig = el("figure", {},
      svg("svg", { viewBox: `0 0 ${w} ${h}`, width: w, height: h, role: "img" }, svg("title"),
        ...d.bins.map((_, i) => svg("rect", { x: (i * w) / n + 0.5, width: w / n - 1 }))),
      el("figcaption", {}, el("span"), el("span")));
    box.replaceChildren(fig);
  }
  const chart = fig.firstElementChild;
  chart.setAttribute("aria-label", label);
  chart.firstElementChild.textContent = label;
  chart.querySelectorAll("rect").forEach((r, i) => {
    r.setAttribute("y", h - (h * d.bins[i]) / top);
    r.setAttribute("height", (h * d.bins[i]) / top);
  });
  const [low, high] = fig.lastElementChild.children;
  low.textContent = d.low;
  high.textContent = d.high;
}

// sensitivityChart draws a bar per uncertain input: the output with that
// input at its 5th and 95th percentile, the others at their medians.
function sensitivityChart(name, infs) {
  if (!infs.length) return el("p", { className: "desc", textContent: `No range drives ${name}.` });
  const top = Math.max(...infs.map((i) => i.swing)) || 1;
  return el("figure", {},
    el("figcaption", { textContent: `What drives ${name} (each input from its 5th to 95th percentile, the others at their medians)` }),
    el("ol", {}, ...infs.map((i) => el("li", {},
      el("span", { className: "in", textContent: i.input }),
      svg("svg", { viewBox: "0 0 100 10", preserveAspectRatio: "none", "aria-hidden": "true" },
        svg("rect", { x: 0, y: 1, height: 8, width: Math.max(0.5, (100 * i.swing) / top) })),
      el("span", { className: "span", textContent: `${i.low} – ${i.high}` })))));
}

// update redraws the values of a view: an uncertain output shows its
// median and 90% interval, as the CLI does, and a histogram.
function update(v) {
  state.view = v;
  $("conventions").textContent = "Conventions: " + v.conventions;
  for (const inp of v.inputs) {
    $("v-" + inp.name).textContent = inp.display;
    $("in-" + inp.name).classList.toggle("edited", !!inp.edited);
    const box = $("in-" + inp.name);
    const slider = $("s-" + inp.name);
    if (document.activeElement !== slider) slider.value = toSlider(box.slider, inp.slider.value);
    slider.setAttribute("aria-valuetext", inp.display);
  }
  const failed = new Set((v.errors || []).map((e) => (e.path || "").split(".")[1]));
  for (const out of v.outputs) {
    $("ov-" + out.name).textContent = failed.has(out.name) ? "—" : out.display;
    $("out-" + out.name).classList.toggle("failed", failed.has(out.name));
    const d = out.distribution;
    if (d && !failed.has(out.name)) histogram($("h-" + out.name), out.name, d);
    else $("h-" + out.name).replaceChildren();
  }
  // Samples that leave an output undefined are left out of its figures,
  // and said: "y: 15.93% of samples failed: square root of a negative number".
  const undefinedIn = v.outputs.map((o) => o.distribution && o.distribution.failed).filter(Boolean);
  $("sampling").textContent = v.samples
    ? `Ranges sampled ${v.samples.toLocaleString("en")} times${v.samples < 100000 ? " (fewer than the CLI's 100,000, to keep this page quick; its intervals may differ in the last digit)" : ""}: each uncertain value is its median and 90% interval.` +
      undefinedIn.map((f) => " " + f + ".").join("")
    : "";
  scheduleSweep();
  $("eval-errors").replaceChildren(...(v.errors || []).map((e) =>
    el("li", { textContent: (e.path ? e.path + ": " : "") + e.message })));
  $("expect").replaceChildren(...(v.expect || []).map((e) =>
    el("li", { className: e.ok ? "ok" : "fail", textContent: e.text })));
  for (const name of state.open) explain(name);
}

// A sweep: the headline outputs charted over the span of the input
// picked, redrawn after each edit (once a frame at most).
let sweepPending = false;
function scheduleSweep() {
  if (sweepPending || !$("sweep-input").value) return;
  sweepPending = true;
  requestAnimationFrame(() => { sweepPending = false; drawSweep(); });
}

function drawSweep() {
  const name = $("sweep-input").value;
  if (!name) return $("charts").replaceChildren();
  const r = call("sweep", name, 41);
  if (r.errors) return $("charts").replaceChildren(el("p", { className: "error", textContent: r.errors[0].message }));
  $("charts").replaceChildren(...r.sweep.series.map((se) => lineChart(r.sweep, se)));
}

// lineChart draws one output over the sweep, its axes labelled in the
// engine's display units, log where the engine says.
function lineChart(sw, se) {
  const W = 320, H = 150, L = 56, R = 26, T = 8, B = 34;
  const xs = sw.x, ys = se.y;
  const scale = (lo, hi, log, a, b) => (v) => {
    const f = log ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v - lo) / (hi - lo);
    return a + (b - a) * (isFinite(f) ? f : 0.5);
  };
  const good = ys.filter((y) => y !== null);
  const ylo = Math.min(...good, ...se.y_ticks.map((t) => t.value)), yhi = Math.max(...good, ...se.y_ticks.map((t) => t.value));
  const X = scale(xs[0], xs[xs.length - 1], sw.log, L, W - R);
  const Y = scale(ylo, yhi === ylo ? ylo + 1 : yhi, se.log, H - B, T);
  let d = "";
  ys.forEach((y, i) => { if (y !== null) d += (d && ys[i - 1] !== null ? "L" : "M") + X(xs[i]).toFixed(1) + " " + Y(y).toFixed(1); });
  const grid = [
    ...sw.x_ticks.map((t) => svg("g", { class: "tick" },
      svg("line", { x1: X(t.value), x2: X(t.value), y1: T, y2: H - B }),
      svg("text", { x: X(t.value), y: H - B + 14, "text-anchor": "middle" }, t.label))),
    ...se.y_ticks.map((t) => svg("g", { class: "tick" },
      svg("line", { x1: L, x2: W - R, y1: Y(t.value), y2: Y(t.value) }),
      svg("text", { x: L - 4, y: Y(t.value) + 4, "text-anchor": "end" }, t.label))),
  ];
  const mid = Math.floor(xs.length / 2);
  const label = `${se.output} against ${sw.input}${sw.log ? " (log scale)" : ""}: ${se.text[0]} at the left, ${se.text[mid]} in the middle, ${se.text[se.text.length - 1]} at the right`;
  return el("figure", { className: "chart", id: "c-" + se.output },
    el("figcaption", { textContent: se.output }),
    svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": label }, svg("title", {}, label), ...grid,
      svg("path", { class: "line", d }),
      svg("text", { class: "axis", x: (L + W - R) / 2, y: H - 4, "text-anchor": "middle" }, sw.input + (sw.log ? " (log)" : ""))));
}

async function copyText(text, what) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const ta = el("textarea", { value: text });
    document.body.append(ta);
    ta.select();
    document.execCommand("copy");
    ta.remove();
  }
  $("action-status").textContent = what + " copied.";
}

function shareLink() {
  const p = new URLSearchParams();
  if (state.preset) {
    p.set("preset", state.preset);
  } else {
    p.set("file", state.file.split("/").pop());
    p.set("yaml", call("pack", state.source).text);
  }
  for (const o of call("overrides").overrides || []) p.append("set", o);
  return location.href.split("#")[0] + "#" + p.toString();
}

function wire() {
  // A list to scan on a wide screen; a drop-down on a phone, where a list
  // would push the inputs off the first screen.
  const narrow = matchMedia("(max-width: 60rem)");
  const fit = () => { $("presets").size = narrow.matches ? 1 : 7; };
  narrow.addEventListener("change", fit);
  fit();
  $("sweep-input").addEventListener("change", drawSweep);
  $("search").addEventListener("input", (e) => listPresets(e.target.value));
  $("search").addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === "ArrowDown") {
      const s = $("presets");
      if (!s.value && s.options.length) s.value = s.options[0].value;
      s.focus();
      if (e.key === "Enter") s.dispatchEvent(new Event("change"));
    }
  });
  $("presets").addEventListener("change", (e) => {
    const v = e.target.value;
    if (!v) return;
    if (v.startsWith("file:")) {
      const f = globalThis.envelopeFiles.find((f) => "file:" + f.name === v);
      return openSource(f.name, f.source, []);
    }
    openPreset(v, []);
  });
  $("open").addEventListener("change", async (e) => {
    const f = e.target.files[0];
    if (f) openSource(f.name, await f.text(), []);
  });
  $("apply").addEventListener("click", () => openSource(state.file || "scenario.yaml", $("source").value, []));
  $("copy-md").addEventListener("click", () => {
    const r = call("markdown");
    if (r.text) copyText(r.text, "Markdown");
  });
  $("download").addEventListener("click", () => {
    const r = call("yaml");
    if (!r.text) return;
    const a = el("a", { href: URL.createObjectURL(new Blob([r.text], { type: "text/yaml" })), download: state.file.split("/").pop() || "scenario.yaml" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });
  $("share").addEventListener("click", () => {
    const link = shareLink();
    history.replaceState(null, "", link);
    copyText(link, "Link");
  });
}

wire();
start().catch((e) => { $("status").textContent = "The engine did not start: " + e.message; });
