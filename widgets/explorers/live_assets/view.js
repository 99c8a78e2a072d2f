// The live explorer's view: controls, SVG plots and a spoken summary, redrawn in the page
// from the model definition in the widget state. This file is appended to engine.js
// (whose compileModel, simulate, peakOf, valueAt and timeAbove it uses) to make the
// anywidget module; widgets/explorers/live.py joins them.
//
// Widget state: definition (ModelDefinition.to_browser), spec (controls, panels, summary,
// time grid, resets, reference curve; widgets.explorers.live.LiveExplorer builds it) and
// values (the current values of the controls, by name; kept in sync with the kernel when
// there is one).

const SVG_NS = "http://www.w3.org/2000/svg";
// Each widget may load its own copy of this module, so ids carry a random part as well
// as a counter: labels and clip paths must not collide between explorers on one page.
const ID_PREFIX = `live-${Math.random().toString(36).slice(2, 10)}`;
let uniqueId = 0;

function make(tag, attrs = {}, parent = null, ns = null) {
  const node = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "text") node.textContent = value;
    else if (key === "class") node.setAttribute("class", value);
    else node.setAttribute(key, value);
  }
  if (parent) parent.appendChild(node);
  return node;
}
const svg = (tag, attrs, parent) => make(tag, attrs, parent, SVG_NS);

const SUPERSCRIPT = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };

/** A number for reading: 3 significant digits, powers of ten for very large or small. */
export function formatNumber(x, digits = 3) {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) {
    const e = Math.floor(Math.log10(a));
    const m = Number((x / 10 ** e).toPrecision(digits));
    const power = `10${String(e).split("").map((c) => SUPERSCRIPT[c]).join("")}`;
    return m === 1 ? power : `${m} × ${power}`;
  }
  return String(Number(x.toPrecision(digits)));
}

function niceStep(span, count) {
  const raw = span / Math.max(count, 1);
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

function linearTicks(low, high, count = 5) {
  const step = niceStep(high - low, count);
  const ticks = [];
  for (let v = Math.ceil(low / step - 1e-9) * step; v <= high + 1e-9 * step; v += step) ticks.push(Math.abs(v) < 1e-12 * step ? 0 : v);
  return ticks;
}

function logTicks(low, high) {
  const ticks = [];
  for (let e = Math.ceil(Math.log10(low) - 1e-9); e <= Math.floor(Math.log10(high) + 1e-9); e++) ticks.push(10 ** e);
  return ticks;
}

function tickLabel(v, log) {
  if (log) return formatNumber(v);
  return String(Number(v.toPrecision(6)));
}

class Plot {
  // One panel: an SVG drawn on a white card, like the book's figures, so that it reads the
  // same in the light and dark page themes.
  constructor(parent, panel, timeLabel, index, wide) {
    this.panel = panel;
    this.W = wide ? 560 : 360;
    this.H = wide ? 300 : 250;
    this.m = { left: 58, right: 14, top: 30, bottom: 44 };
    const id = `${ID_PREFIX}-plot-${++uniqueId}`;
    this.root = svg("svg", { viewBox: `0 0 ${this.W} ${this.H}`, role: "img", "aria-labelledby": `${id}-title`,
      class: wide ? "live-plot live-plot-wide" : "live-plot", "data-panel": String(index) }, parent);
    this.title = svg("title", { id: `${id}-title` }, this.root);
    svg("rect", { x: 0, y: 0, width: this.W, height: this.H, fill: "#ffffff" }, this.root);
    svg("text", { x: this.m.left, y: 18, class: "live-panel-title", text: panel.title }, this.root);
    const clip = `${id}-clip`;
    const defs = svg("defs", {}, this.root);
    const clipPath = svg("clipPath", { id: clip }, defs);
    svg("rect", { x: this.m.left, y: this.m.top, width: this.W - this.m.left - this.m.right,
      height: this.H - this.m.top - this.m.bottom }, clipPath);
    this.grid = svg("g", { class: "live-grid" }, this.root);
    this.bands = svg("g", { class: "live-bands" }, this.root);
    this.lines = svg("g", { class: "live-lines" }, this.root);
    this.data = svg("g", { "clip-path": `url(#${clip})` }, this.root);
    const x0 = this.m.left;
    const y1 = this.H - this.m.bottom;
    svg("line", { x1: x0, y1, x2: this.W - this.m.right, y2: y1, class: "live-axis" }, this.root);
    svg("line", { x1: x0, y1: this.m.top, x2: x0, y2: y1, class: "live-axis" }, this.root);
    svg("text", { x: (x0 + this.W - this.m.right) / 2, y: this.H - 8, class: "live-axis-label", "text-anchor": "middle",
      text: timeLabel }, this.root);
    const yMid = (this.m.top + y1) / 2;
    svg("text", { x: 14, y: yMid, class: "live-axis-label", "text-anchor": "middle",
      transform: `rotate(-90 14 ${yMid})`, text: panel.y_label }, this.root);
    this.paths = panel.series.map((s) => ({
      reference: svg("polyline", { class: "live-reference", fill: "none" }, this.data),
      current: svg("polyline", { class: "live-series", fill: "none", stroke: s.colour }, this.data),
    }));
    this.marker = svg("circle", { r: 4, class: "live-peak", visibility: "hidden" }, this.data);
  }

  draw(t, tEnd, series, references) {
    const { W, H, m, panel } = this;
    const x = (v) => m.left + ((W - m.left - m.right) * v) / tEnd;
    let low;
    let high;
    if (panel.y_range) {
      [low, high] = panel.y_range;
    } else {
      let top = 0;
      for (const s of [...series, ...references]) if (s) for (const v of s) if (Number.isFinite(v) && v > top) top = v;
      for (const b of panel.bands ?? []) top = Math.max(top, b.high * (panel.log ? 1 : 0));
      low = 0;
      high = Math.max(top * 1.08, panel.y_min_top ?? 0) || 1;
    }
    const log = Boolean(panel.log);
    const yPix = log
      ? (v) => H - m.bottom - ((H - m.top - m.bottom) * (Math.log10(Math.max(v, low / 100)) - Math.log10(low))) / (Math.log10(high) - Math.log10(low))
      : (v) => H - m.bottom - ((H - m.top - m.bottom) * (v - low)) / (high - low);
    const clampY = (v) => Math.min(H - m.bottom, Math.max(m.top, yPix(v)));
    // grid and ticks
    this.grid.replaceChildren();
    for (const v of log ? logTicks(low, high) : linearTicks(low, high)) {
      const y = yPix(v);
      svg("line", { x1: m.left, x2: W - m.right, y1: y, y2: y, class: "live-gridline" }, this.grid);
      svg("text", { x: m.left - 5, y: y + 4, "text-anchor": "end", class: "live-tick", text: tickLabel(v, log) }, this.grid);
    }
    for (const v of linearTicks(0, tEnd, W > 400 ? 6 : 4)) {
      const px = x(v);
      svg("line", { x1: px, x2: px, y1: H - m.bottom, y2: H - m.bottom + 4, class: "live-axis" }, this.grid);
      svg("text", { x: px, y: H - m.bottom + 17, "text-anchor": "middle", class: "live-tick", text: tickLabel(v, false) }, this.grid);
    }
    this.bands.replaceChildren();
    for (const b of panel.bands ?? []) {
      const yTop = clampY(b.high);
      const yBottom = clampY(b.low);
      svg("rect", { x: m.left, width: W - m.left - m.right, y: yTop, height: Math.max(0, yBottom - yTop), class: "live-band" }, this.bands);
      svg("text", { x: W - m.right - 4, y: yTop + 12, "text-anchor": "end", class: "live-band-label", text: b.label }, this.bands);
    }
    this.lines.replaceChildren();
    for (const line of panel.lines ?? []) {
      const y = yPix(line.value);
      svg("line", { x1: m.left, x2: W - m.right, y1: y, y2: y, class: "live-refline" }, this.lines);
      svg("text", { x: W - m.right - 4, y: y - 4, "text-anchor": "end", class: "live-band-label", text: line.label }, this.lines);
    }
    // points outside the axes are drawn just beyond them and clipped, so a curve leaves the
    // plot instead of running along its edge
    const outside = (v) => Math.min(H, Math.max(0, yPix(v)));
    const points = (values) => {
      let text = "";
      for (let i = 0; i < t.length; i++) {
        if (t[i] > tEnd) break;
        text += `${x(t[i]).toFixed(1)},${outside(values[i]).toFixed(1)} `;
      }
      return text;
    };
    this.paths.forEach((p, k) => {
      p.current.setAttribute("points", points(series[k]));
      if (references[k]) {
        p.reference.setAttribute("points", points(references[k]));
        p.reference.setAttribute("visibility", "visible");
      } else {
        p.reference.setAttribute("visibility", "hidden");
      }
    });
    if (panel.mark_peak && series[0]) {
      const peak = peakOf(t, series[0]);
      this.marker.setAttribute("cx", x(peak.time).toFixed(1));
      this.marker.setAttribute("cy", clampY(peak.value).toFixed(1));
      this.marker.setAttribute("visibility", peak.time <= tEnd ? "visible" : "hidden");
    }
  }
}

function summarise(spec, definition, t, observe, final, model) {
  const unit = definition.time_unit;
  const numbers = {};
  const parts = [];
  for (const item of spec.summary) {
    if (item.kind === "outcome") {
      let label = item.otherwise;
      for (const rule of item.rules) {
        const value = final[model.species.indexOf(rule.species)];
        if (value >= rule.at_least) { label = rule.label; break; }
      }
      numbers[item.key] = label;
      parts.push(`${item.label}: ${label}`);
      continue;
    }
    const values = observe(item.observable);
    if (item.kind === "peak") {
      const peak = peakOf(t, values);
      numbers[item.key] = [peak.value, peak.time];
      parts.push(`${item.label} peaks at ${formatNumber(peak.value)} ${item.unit} at ${formatNumber(peak.time)} ${unit}`);
    } else if (item.kind === "at") {
      const value = valueAt(t, values, item.time);
      numbers[item.key] = value;
      parts.push(`${item.label} at ${formatNumber(item.time)} ${unit}: ${formatNumber(value)} ${item.unit}`);
    } else if (item.kind === "time_above") {
      const hours = timeAbove(t, values, item.threshold);
      numbers[item.key] = hours;
      parts.push(`${formatNumber(hours)} ${unit} ${item.label}`);
    } else if (item.kind === "time_between") {
      const hours = timeAbove(t, values, item.low) - timeAbove(t, values, item.high);
      numbers[item.key] = hours;
      parts.push(`${formatNumber(hours)} ${unit} ${item.label}`);
    }
  }
  return { text: `${parts.join("; ")}.`, numbers };
}

function hideFallback(el) {
  // The book puts a static copy of the default view just before the widget
  // (book/_ext/live_fallback.py); once the live view has drawn, it is not needed.
  let node = el;
  for (let depth = 0; node && depth < 8; depth++, node = node.parentElement) {
    const prev = node.previousElementSibling;
    if (prev && prev.classList && prev.classList.contains("live-fallback")) {
      prev.hidden = true;
      prev.style.display = "none";
      return;
    }
  }
}

function render({ model, el }) {
  const definition = model.get("definition");
  const spec = model.get("spec");
  const engine = compileModel(definition);
  const defaults = { ...spec.defaults };
  let current = { ...defaults, ...(model.get("values") || {}) };
  const times = Array.from({ length: spec.time.points }, (_, i) => (spec.time.end * i) / (spec.time.points - 1));
  const root = make("div", { class: "live-explorer-view" }, el);
  if (spec.title) make("p", { class: "live-title", text: spec.title }, root);
  const controls = make("div", { class: "live-controls" }, root);
  const inputs = {};

  for (const c of spec.controls) {
    const row = make("div", { class: `live-control live-${c.kind}` }, controls);
    const id = `${ID_PREFIX}-input-${++uniqueId}`;
    if (c.kind === "switch") {
      const input = make("input", { type: "checkbox", role: "switch", id, "data-name": c.name }, row);
      make("label", { for: id, text: c.label }, row);
      input.addEventListener("change", () => { current[c.name] = input.checked ? c.on : c.off; update(); });
      inputs[c.name] = { c, input, show: (v) => { input.checked = v === c.on; input.setAttribute("aria-checked", String(input.checked)); } };
    } else {
      const label = make("label", { for: id }, row);
      make("span", { class: "live-label", text: c.unit ? `${c.label} (${c.unit})` : c.label }, label);
      const toSlider = (v) => (c.log ? Math.log10(v / c.scale) : v / c.scale);
      const fromSlider = (s) => (c.log ? 10 ** s : s) * c.scale;
      const low = toSlider(c.min * c.scale);
      const high = toSlider(c.max * c.scale);
      // keyboard steps: the slider's own rounding, or 1/200 of its range
      const step = !c.log && c.step ? c.step : (high - low) / 200;
      const input = make("input", { type: "range", id, "data-name": c.name, min: String(low), max: String(high),
        step: String(step) }, row);
      const readout = make("output", { for: id, class: "live-readout" }, row);
      const show = (v) => {
        input.value = String(toSlider(v));
        const text = formatNumber(v / c.scale);
        readout.textContent = c.unit ? `${text} ${c.unit}` : text;
        input.setAttribute("aria-valuetext", readout.textContent);
      };
      input.addEventListener("input", () => {
        let v = fromSlider(Number(input.value));
        if (!c.log && c.step) v = Math.round(v / (c.step * c.scale)) * c.step * c.scale;
        current[c.name] = v;
        show(v);
        if (c.enables && inputs[c.enables]) {
          // moving this slider means using what it sets (a reset level, an absorption half-life)
          const target = inputs[c.enables];
          current[c.enables] = target.c.on;
          target.show(target.c.on);
        }
        update();
      });
      inputs[c.name] = { c, input, show };
    }
  }
  const reset = make("button", { type: "button", class: "live-reset", text: spec.reset_label || "Reset to the published values" }, controls);
  reset.addEventListener("click", () => { current = { ...defaults }; showAll(); update(); });
  // JupyterLab's keyboard shortcuts (the arrow keys select cells in command mode) skip key presses
  // on an element marked so; without it a focused slider does not move with the arrow keys there
  for (const node of controls.querySelectorAll("input, button")) node.setAttribute("data-lm-suppress-shortcuts", "true");

  const figures = make("div", { class: "live-panels" }, root);
  const timeLabel = spec.time.label;
  // one panel gets a wider drawing, unless the page is narrow (a phone), where it would shrink the text
  const wide = spec.panels.length === 1 && !(typeof window !== "undefined" && window.innerWidth < 600);
  const plots = spec.panels.map((p, i) => new Plot(figures, p, timeLabel, i, wide));
  const legend = make("ul", { class: "live-legend" }, root);
  spec.panels.forEach((p) => p.series.forEach((s) => {
    const item = make("li", {}, legend);
    make("span", { class: "live-swatch", style: `background:${s.colour}` }, item);
    item.append(s.label);
  }));
  let referenceItem = null;
  if (spec.reference) {
    referenceItem = make("li", { class: "live-reference-key" }, legend);
    make("span", { class: "live-swatch live-swatch-dashed" }, referenceItem);
    referenceItem.append(spec.reference.label);
  }
  const summary = make("p", { class: "live-summary", "aria-live": "polite", role: "status" }, root);
  const error = make("p", { class: "live-error", hidden: "" }, root);

  function showAll() { for (const [name, entry] of Object.entries(inputs)) entry.show(current[name]); }

  const referenceCache = new Map();
  function modelValues(values) {
    const out = {};
    for (const name of engine.constants) if (Object.prototype.hasOwnProperty.call(values, name)) out[name] = values[name];
    return out;
  }
  function resetsFor(values) {
    return (spec.resets || []).filter((r) => !r.when || values[r.when] === 1)
      .map((r) => ({ time: r.time, set: { [r.species]: typeof r.value === "string" ? values[r.value] : r.value } }));
  }
  function run(values) {
    return simulate(engine, modelValues(values), times, { tEnd: spec.time.end, resets: resetsFor(values), ...spec.tolerances });
  }
  function reference(values) {
    if (!spec.reference) return null;
    const same = Object.keys(defaults).every((name) => spec.reference.keep.includes(name) || values[name] === defaults[name]);
    if (same) return null;
    const kept = { ...defaults };
    for (const name of spec.reference.keep) kept[name] = values[name];
    const key = JSON.stringify(kept);
    if (!referenceCache.has(key)) {
      if (referenceCache.size > 32) referenceCache.clear();
      referenceCache.set(key, run(kept));
    }
    return referenceCache.get(key);
  }

  function update() {
    try {
      const result = run(current);
      const ref = reference(current);
      const cache = {};
      const observe = (name) => (cache[name] ??= result.observe(name));
      const refCache = {};
      const observeRef = (name) => (refCache[name] ??= ref.observe(name));
      plots.forEach((plot, i) => {
        const panel = spec.panels[i];
        plot.draw(times, spec.time.plot_end, panel.series.map((s) => observe(s.observable)),
          panel.series.map((s) => (ref ? observeRef(s.observable) : null)));
      });
      if (referenceItem) referenceItem.hidden = !ref;
      const text = summarise(spec, definition, times, observe, result.final, engine);
      summary.textContent = text.text;
      plots.forEach((plot) => { plot.title.textContent = `${plot.panel.title}. ${text.text}`; });
      el.dataset.summary = JSON.stringify(text.numbers);
      el.dataset.steps = String(result.stats.steps);
      error.hidden = true;
      model.set("values", { ...current });
      model.save_changes();
    } catch (e) {
      error.hidden = false;
      error.textContent = `The model could not be computed for these values (${e.message}).`;
    }
  }

  model.on("change:values", () => {
    const incoming = model.get("values") || {};
    if (JSON.stringify(incoming) === JSON.stringify(current)) return;
    current = { ...defaults, ...incoming };
    showAll();
    update();
  });
  el.classList.add("live-explorer-root");
  showAll();
  update();
  el.dataset.ready = "1";
  hideFallback(el);
}

export default { render };
