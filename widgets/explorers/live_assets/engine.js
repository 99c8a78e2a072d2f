// The browser engine of the book's live models: it runs a model definition of
// widgets/data/models/*.yml, exported by widgets.models.definitions.ModelDefinition.to_browser,
// in the reader's browser, with no kernel and no server.
//
//   compileExpression(tree, slots)  a whitelisted expression tree -> a closure (never eval)
//   compileModel(definition)        right-hand side, analytic Jacobian and initial state
//   rodas3(system, y0, t0, tEnd, tOut, options)
//                                   L-stable Rosenbrock method of order 3 with an embedded
//                                   order-2 error estimate (Rodas3 of Sandu et al. 1997),
//                                   LU with partial pivoting, cubic Hermite dense output
//   simulate(model, values, tOut, options)   defaults + overrides + optional resets
//   peakOf, valueAt, timeAbove      the numbers of the explorers' summaries
//
// This file is a standalone ES module (the tests import it in Node). The live explorer's
// widget code (view.js) is appended to it to make the anywidget module.

const OPERATORS = new Set(["+", "-", "*", "/", "^"]);
const FUNCTIONS = {
  exp: [1, Math.exp],
  log: [1, Math.log],
  sqrt: [1, Math.sqrt],
  min: [2, Math.min],
  max: [2, Math.max],
};

function slotOf(name, slots) {
  if (!Object.prototype.hasOwnProperty.call(slots, name)) throw new Error(`unknown name in expression: ${name}`);
  return slots[name];
}

const isLeaf = (t) => typeof t === "number" || typeof t === "string";

// One closure per operation, each reading its operands from the work array w and writing
// its result into w (three-address code): no values are returned, so nothing is boxed,
// and a program runs as a flat loop over small closures.
function operation(op, k, i, j) {
  switch (op) {
    case "+": return (w) => { w[k] = w[i] + w[j]; };
    case "-": return (w) => { w[k] = w[i] - w[j]; };
    case "*": return (w) => { w[k] = w[i] * w[j]; };
    case "/": return (w) => { w[k] = w[i] / w[j]; };
    case "^": return (w) => { w[k] = Math.pow(w[i], w[j]); };
    case "^2": return (w) => { w[k] = w[i] * w[i]; };
    case "neg": return (w) => { w[k] = -w[i]; };
    case "exp": return (w) => { w[k] = Math.exp(w[i]); };
    case "log": return (w) => { w[k] = Math.log(w[i]); };
    case "sqrt": return (w) => { w[k] = Math.sqrt(w[i]); };
    case "min": return (w) => { w[k] = Math.min(w[i], w[j]); };
    case "max": return (w) => { w[k] = Math.max(w[i], w[j]); };
    default: throw new Error(`unknown operation: ${op}`);
  }
}

/** A compiler from expression trees to closures over one work array.
 * Trees are numbers, names, ["neg", a], [op, a, b] for op in + - * / ^, and
 * ["call", fn, ...args] for exp, log, sqrt, min, max and _le (the derivative of min and
 * max); anything else throws. `slots` gives the index of each name in the work array;
 * numbers and intermediate results get slots after `size`. */
export class Compiler {
  constructor(slots, size) {
    this.slots = slots;
    this.size = size;
    this.numbers = new Map();
    this.fixed = []; // [slot, number]
    this.memo = new Map(); // subtree -> slot, so a repeated subexpression is computed once
  }

  number(x) {
    if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
    if (!this.numbers.has(x)) { this.numbers.set(x, this.size); this.fixed.push([this.size++, x]); }
    return this.numbers.get(x);
  }

  /** Append the closures computing `tree` to `code`; return the slot of its value. */
  emit(tree, code) {
    if (typeof tree === "number") return this.number(tree);
    if (typeof tree === "string") return slotOf(tree, this.slots);
    if (!Array.isArray(tree) || tree.length < 2) throw new Error(`not an expression node: ${JSON.stringify(tree)}`);
    const key = JSON.stringify(tree);
    if (this.memo.has(key)) return this.memo.get(key);
    const slot = this.emitNode(tree, code);
    this.memo.set(key, slot);
    return slot;
  }

  emitNode(tree, code) {
    const head = tree[0];
    if (head === "neg" && tree.length === 2) {
      const i = this.emit(tree[1], code);
      const k = this.size++;
      code.push(operation("neg", k, i, i));
      return k;
    }
    if (OPERATORS.has(head) && tree.length === 3) {
      const i = this.emit(tree[1], code);
      if (head === "^" && tree[2] === 2) {
        const k = this.size++;
        code.push(operation("^2", k, i, i));
        return k;
      }
      const j = this.emit(tree[2], code);
      const k = this.size++;
      code.push(operation(head, k, i, j));
      return k;
    }
    if (head === "call") {
      const name = tree[1];
      const args = tree.slice(2);
      if (name === "_le" && args.length === 4) {
        const [a, b, x, y] = args.map((t) => this.emit(t, code));
        const k = this.size++;
        code.push((w) => { w[k] = w[a] <= w[b] ? w[x] : w[y]; });
        return k;
      }
      const spec = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : null;
      if (!spec || spec[0] !== args.length) throw new Error(`unknown function in expression: ${name}`);
      const [i, j] = args.map((t) => this.emit(t, code));
      const k = this.size++;
      code.push(operation(name, k, i, j ?? i));
      return k;
    }
    throw new Error(`not an expression node: ${JSON.stringify(tree)}`);
  }

  /** Compile trees into one program; returns {code, results} (the slot of each value).
   * Subexpressions are shared within the program and with the programs compiled with
   * keep = true before it (the helpers, which always run first). */
  program(trees, keep = false) {
    const saved = new Map(this.memo);
    const code = [];
    const results = trees.map((t) => this.emit(t, code));
    if (!keep) this.memo = saved;
    return { code, results };
  }

  /** A work array of the right size, with the numbers in place. */
  workArray() {
    const w = new Float64Array(this.size);
    for (const [k, x] of this.fixed) w[k] = x;
    return w;
  }
}

function run(code, w) {
  for (let i = 0; i < code.length; i++) code[i](w);
}

/** Compile one tree into a function of an object of values (for tests and summaries). */
export function compileExpression(tree, names) {
  const slots = {};
  names.forEach((name, i) => { slots[name] = i; });
  const compiler = new Compiler(slots, names.length);
  const { code, results } = compiler.program([tree]);
  const w = compiler.workArray();
  return (values) => {
    names.forEach((name, i) => { w[i] = values[name]; });
    run(code, w);
    return w[results[0]];
  };
}

// Replace every largest subtree that uses only constants (and is not a leaf) by a new
// name, so that it is computed once per simulation instead of at every evaluation.
function hoistConstants(tree, isConstant, hoisted) {
  if (isLeaf(tree)) return tree;
  const uses = (t) => (typeof t === "number" ? true : typeof t === "string" ? isConstant(t)
    : t[0] === "call" ? t.slice(2).every(uses) : t.slice(1).every(uses));
  if (uses(tree)) {
    const key = JSON.stringify(tree);
    if (!hoisted.has(key)) hoisted.set(key, { name: `$${hoisted.size}`, tree });
    return hoisted.get(key).name;
  }
  if (tree[0] === "call") return ["call", tree[1], ...tree.slice(2).map((t) => hoistConstants(t, isConstant, hoisted))];
  return [tree[0], ...tree.slice(1).map((t) => hoistConstants(t, isConstant, hoisted))];
}

/** Build the right-hand side, Jacobian and initial state of a model definition. */
export function compileModel(definition) {
  const species = definition.species.map((s) => s.name);
  const helpers = definition.helpers.map((h) => h.name);
  const constants = definition.constants.map((c) => c.name);
  const constantSet = new Set(constants);
  const n = species.length;
  const m = helpers.length;
  const nc = constants.length;
  const hoisted = new Map();
  const hoist = (tree) => hoistConstants(tree, (name) => constantSet.has(name), hoisted);
  const helperTrees = definition.helpers.map((h) => hoist(h.expression));
  const odeTrees = definition.odes.map(hoist);
  if (odeTrees.length !== n) throw new Error("one equation per species is required");
  const positions = [];
  const jacobianTrees = definition.jacobian.map(([i, j, e]) => {
    if (!(Number.isInteger(i) && Number.isInteger(j) && i >= 0 && i < n && j >= 0 && j < n)) {
      throw new Error(`Jacobian entry outside the matrix: ${i}, ${j}`);
    }
    positions.push(i * n + j);
    return hoist(e);
  });
  const observableTrees = definition.observables.map((o) => hoist(o.expression));
  const derived = [...hoisted.values()];
  // work array: species | helpers | constants | constant subexpressions | numbers and intermediates
  const slots = {};
  species.forEach((name, i) => { slots[name] = i; });
  helpers.forEach((name, k) => { slots[name] = n + k; });
  constants.forEach((name, k) => { slots[name] = n + m + k; });
  derived.forEach((d, k) => { slots[d.name] = n + m + nc + k; });
  const compiler = new Compiler(slots, n + m + nc + derived.length);
  const constantCode = [];
  derived.forEach((d, k) => {
    const slot = compiler.emit(d.tree, constantCode);
    const target = n + m + nc + k;
    constantCode.push((w) => { w[target] = w[slot]; });
  });
  compiler.memo = new Map(); // the constant program runs once per simulation, not with the others
  const helperCode = [];
  helperTrees.forEach((t, k) => {
    const slot = compiler.emit(t, helperCode);
    const target = n + k;
    helperCode.push((w) => { w[target] = w[slot]; });
  });
  const odes = compiler.program(odeTrees);
  const jac = compiler.program(jacobianTrees);
  const obs = compiler.program(observableTrees);
  const work = compiler.workArray();
  const constantOnly = new Compiler(Object.fromEntries(constants.map((c, k) => [c, k])), nc);
  const initial = constantOnly.program(definition.species.map((s) => s.initial));
  const initialWork = constantOnly.workArray();
  const observableIndex = {};
  definition.observables.forEach((o, k) => { observableIndex[o.name] = k; });
  const defaults = {};
  definition.constants.forEach((c) => { defaults[c.name] = c.value; });
  const valueOf = (values, name) => (Object.prototype.hasOwnProperty.call(values, name) ? values[name] : defaults[name]);

  function load(y) {
    for (let i = 0; i < n; i++) work[i] = y[i];
    run(helperCode, work);
  }
  return {
    name: definition.name,
    n,
    species,
    constants,
    defaults,
    observables: definition.observables.map((o) => ({ name: o.name, unit: o.unit })),
    /** Set the constants of the next simulations (defaults where values has none). */
    setConstants(values) {
      constants.forEach((name, k) => { work[n + m + k] = valueOf(values, name); });
      run(constantCode, work);
    },
    initial(values) {
      constants.forEach((name, k) => { initialWork[k] = valueOf(values, name); });
      run(initial.code, initialWork);
      return Float64Array.from(initial.results.map((k) => initialWork[k]));
    },
    rhs(y, out) {
      load(y);
      run(odes.code, work);
      for (let i = 0; i < n; i++) out[i] = work[odes.results[i]];
    },
    /** Write the Jacobian's non-zero entries into out (row-major n x n); the other
     * entries are left as they are, so out must start as zeros. */
    jac(y, out) {
      load(y);
      run(jac.code, work);
      for (let k = 0; k < positions.length; k++) out[positions[k]] = work[jac.results[k]];
    },
    /** Observable `name` for each state (rows of a flat n-column array). */
    observe(name, states) {
      if (!Object.prototype.hasOwnProperty.call(observableIndex, name)) throw new Error(`unknown observable: ${name}`);
      const slot = obs.results[observableIndex[name]];
      const rows = states.length / n;
      const out = new Float64Array(rows);
      for (let r = 0; r < rows; r++) {
        load(states.subarray(r * n, (r + 1) * n));
        run(obs.code, work);
        out[r] = work[slot];
      }
      return out;
    },
  };
}

// --- Rodas3 (Sandu, Verwer, Blom, Spee, Carmichael and Potra 1997, Atmos. Environ. 31:3459) ---
// Stages:  (I/(h gamma) - J) K_i = f(y + sum_j a_ij K_j) + sum_j (c_ij / h) K_j
// Step:    y_new = y + sum_i m_i K_i;   error estimate: sum_i e_i K_i   (autonomous systems)
// (a_21 = 0 and the time coefficients are not needed for autonomous systems)
const GAMMA = 0.5;
const A31 = 2, A32 = 0, A41 = 2, A42 = 0, A43 = 1;
const C21 = 4, C31 = 1, C32 = -1, C41 = 1, C42 = -1, C43 = -8 / 3;
const M1 = 2, M2 = 0, M3 = 1, M4 = 1;
const E1 = 0, E2 = 0, E3 = 0, E4 = 1; // error estimate: order 3 minus embedded order 2 (factor exponent 1/3)

function luFactor(a, n, pivot) {
  // in place, partial pivoting; returns false if the matrix is singular
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(a[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > best) { best = v; p = i; }
    }
    if (!(best > 0)) return false;
    pivot[k] = p;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = a[k * n + j]; a[k * n + j] = a[p * n + j]; a[p * n + j] = t;
      }
    }
    const d = a[k * n + k];
    for (let i = k + 1; i < n; i++) {
      const f = (a[i * n + k] /= d);
      if (f !== 0) for (let j = k + 1; j < n; j++) a[i * n + j] -= f * a[k * n + j];
    }
  }
  return true;
}

function luSolve(a, n, pivot, b) {
  for (let k = 0; k < n; k++) {
    const p = pivot[k];
    if (p !== k) { const t = b[k]; b[k] = b[p]; b[p] = t; }
    for (let i = k + 1; i < n; i++) b[i] -= a[i * n + k] * b[k];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let j = i + 1; j < n; j++) s -= a[i * n + j] * b[j];
    b[i] = s / a[i * n + i];
  }
}

/** Integrate y' = f(y) from t0 to tEnd with Rodas3 and write the states at the increasing
 * times tOut (inside [t0, tEnd]) into out, a flat array of tOut.length * n values starting
 * at row `first`. system: {n, rhs(y, out), jac(y, out)}; options: rtol (1e-6), atol
 * (1e-9), h0, maxSteps. Returns {final, stats}. */
export function rodas3(system, y0, t0, tEnd, tOut, out, first = 0, options = {}) {
  const n = system.n;
  const rtol = options.rtol ?? 1e-6;
  const atol = options.atol ?? 1e-9;
  const maxSteps = options.maxSteps ?? 100000;
  const span = tEnd - t0;
  const stats = { steps: 0, rejected: 0, rhs: 0, jacobians: 0 };
  const y = Float64Array.from(y0);
  let k = 0;
  let row = first;
  const copy = (v) => { out.set(v, row * n); row++; k++; };
  while (k < tOut.length && tOut[k] <= t0) copy(y);
  if (!(span > 0)) {
    while (k < tOut.length) copy(y);
    return { final: y, stats };
  }
  const f0 = new Float64Array(n);
  const f1 = new Float64Array(n);
  const ys = new Float64Array(n);
  const yNew = new Float64Array(n);
  const J = new Float64Array(n * n);
  const G = new Float64Array(n * n);
  const pivot = new Int32Array(n);
  const K0 = new Float64Array(n);
  const K1 = new Float64Array(n);
  const K2 = new Float64Array(n);
  const K3 = new Float64Array(n);
  system.rhs(y, f0); stats.rhs++;
  let t = t0;
  let h = options.h0 ?? 1e-6 * span;
  let reject = false;
  let jacobianFresh = false;
  while (t < tEnd) {
    if (stats.steps + stats.rejected >= maxSteps) throw new Error(`rodas3: more than ${maxSteps} steps`);
    const lastStep = t + h >= tEnd;
    if (lastStep) h = tEnd - t;
    if (!jacobianFresh) { system.jac(y, J); stats.jacobians++; jacobianFresh = true; }
    const g = 1 / (h * GAMMA);
    for (let i = 0; i < n * n; i++) G[i] = -J[i];
    for (let i = 0; i < n; i++) G[i * n + i] += g;
    if (!luFactor(G, n, pivot)) { h *= 0.5; reject = true; continue; }
    // stage 1: f(y); stage 2 re-uses it (a21 = 0, so Y2 = y)
    K0.set(f0);
    luSolve(G, n, pivot, K0);
    for (let i = 0; i < n; i++) K1[i] = f0[i] + (C21 / h) * K0[i];
    luSolve(G, n, pivot, K1);
    for (let i = 0; i < n; i++) ys[i] = y[i] + A31 * K0[i] + A32 * K1[i];
    system.rhs(ys, K2); stats.rhs++;
    for (let i = 0; i < n; i++) K2[i] += (C31 * K0[i] + C32 * K1[i]) / h;
    luSolve(G, n, pivot, K2);
    for (let i = 0; i < n; i++) ys[i] = y[i] + A41 * K0[i] + A42 * K1[i] + A43 * K2[i];
    system.rhs(ys, K3); stats.rhs++;
    for (let i = 0; i < n; i++) K3[i] += (C41 * K0[i] + C42 * K1[i] + C43 * K2[i]) / h;
    luSolve(G, n, pivot, K3);
    let err = 0;
    let finite = true;
    for (let i = 0; i < n; i++) {
      const v = y[i] + M1 * K0[i] + M2 * K1[i] + M3 * K2[i] + M4 * K3[i];
      const e = E1 * K0[i] + E2 * K1[i] + E3 * K2[i] + E4 * K3[i];
      yNew[i] = v;
      if (!Number.isFinite(v)) finite = false;
      const q = e / (atol + rtol * Math.max(Math.abs(y[i]), Math.abs(v)));
      err += q * q;
    }
    err = finite ? Math.sqrt(err / n) : Infinity;
    const factor = Math.min(6, Math.max(0.2, 0.9 / Math.cbrt(Math.max(err, 1e-12))));
    if (err <= 1) {
      system.rhs(yNew, f1); stats.rhs++;
      const tNew = lastStep ? tEnd : t + h;
      // dense output: cubic Hermite interpolation between (t, y, f0) and (tNew, yNew, f1)
      while (k < tOut.length && tOut[k] <= tNew) {
        const s = (tOut[k] - t) / h;
        const h00 = (1 + 2 * s) * (1 - s) * (1 - s);
        const h10 = s * (1 - s) * (1 - s) * h;
        const h01 = s * s * (3 - 2 * s);
        const h11 = s * s * (s - 1) * h;
        const base = row * n;
        for (let i = 0; i < n; i++) out[base + i] = h00 * y[i] + h10 * f0[i] + h01 * yNew[i] + h11 * f1[i];
        row++;
        k++;
      }
      t = tNew;
      y.set(yNew);
      f0.set(f1);
      jacobianFresh = false;
      stats.steps++;
      h *= reject ? Math.min(1, factor) : factor;
      reject = false;
    } else {
      stats.rejected++;
      h *= Math.max(0.1, factor);
      reject = true;
      if (!(h > 1e-14 * Math.max(1, Math.abs(t)))) throw new Error(`rodas3: step size too small at t = ${t}`);
    }
  }
  while (k < tOut.length) copy(y);
  return { final: y, stats };
}

/** Simulate a compiled model for some values (defaults elsewhere) at the times tOut.
 * options.resets: [{time, set: {species: value}}] applied in time order (outputs at a
 * reset time show the new state); options.tEnd: end of the integration (default: the last
 * output time); rtol and atol as for rodas3. Returns {t, states (flat, n per row), final,
 * stats, observe(name)}. */
export function simulate(model, values, tOut, options = {}) {
  const n = model.n;
  model.setConstants(values);
  let y = model.initial(values);
  const tEnd = options.tEnd ?? tOut[tOut.length - 1];
  const resets = (options.resets ?? []).filter((r) => r.time > 0 && r.time < tEnd).sort((a, b) => a.time - b.time);
  const states = new Float64Array(tOut.length * n);
  const stats = { steps: 0, rejected: 0, rhs: 0, jacobians: 0 };
  let t0 = 0;
  let k = 0;
  const ends = [...resets.map((r) => r.time), tEnd];
  for (let s = 0; s < ends.length; s++) {
    const t1 = ends[s];
    const last = s === ends.length - 1;
    const start = k;
    while (k < tOut.length && (last ? tOut[k] <= t1 : tOut[k] < t1)) k++;
    const result = rodas3(model, y, t0, t1, tOut.slice(start, k), states, start, options);
    for (const key of Object.keys(stats)) stats[key] += result.stats[key];
    y = result.final;
    if (!last) {
      for (const [name, value] of Object.entries(resets[s].set)) {
        const i = model.species.indexOf(name);
        if (i < 0) throw new Error(`reset of an unknown species: ${name}`);
        y[i] = value;
      }
      t0 = t1;
    }
  }
  return { t: tOut, states, final: y, stats, observe: (name) => model.observe(name, states) };
}

/** The largest value of a series, and when it is reached. */
export function peakOf(t, values) {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return { value: values[best], time: t[best] };
}

/** A series at time x, by linear interpolation. */
export function valueAt(t, values, x) {
  if (x <= t[0]) return values[0];
  for (let i = 1; i < t.length; i++) {
    if (t[i] >= x) {
      const s = (x - t[i - 1]) / (t[i] - t[i - 1]);
      return values[i - 1] + s * (values[i] - values[i - 1]);
    }
  }
  return values[values.length - 1];
}

/** Total time a sampled series spends at or above a threshold (crossings interpolated
 * linearly), as widgets.models.pharmacokinetics.time_above_h computes it. */
export function timeAbove(t, values, threshold) {
  let total = 0;
  for (let i = 1; i < t.length; i++) {
    const a = values[i - 1] >= threshold;
    const b = values[i] >= threshold;
    if (a && b) total += t[i] - t[i - 1];
    else if (a !== b) {
      const tc = t[i - 1] + ((threshold - values[i - 1]) / (values[i] - values[i - 1])) * (t[i] - t[i - 1]);
      total += b ? t[i] - tc : tc - t[i - 1];
    }
  }
  return total;
}

/** Run several simulations of one definition (used by the tests and the benchmark, in
 * Node and in the browser): cases are [{values, times, tEnd, resets}]; returns the states
 * of each, flat, with statistics and the CPU-independent wall time of each run in ms. */
export function runCases(definition, cases, options = {}) {
  const model = compileModel(definition);
  return cases.map((c) => {
    const start = (typeof performance !== "undefined" ? performance : Date).now();
    const run = simulate(model, c.values ?? {}, c.times, { ...options, tEnd: c.tEnd, resets: c.resets });
    const ms = (typeof performance !== "undefined" ? performance : Date).now() - start;
    const observables = {};
    for (const o of model.observables) observables[o.name] = Array.from(run.observe(o.name));
    return { states: Array.from(run.states), final: Array.from(run.final), observables, stats: run.stats, ms };
  });
}
