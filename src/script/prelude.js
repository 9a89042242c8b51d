// SPDX-License-Identifier: MIT
// The scene API, in JavaScript over the native host `__host`. Arguments are checked natively,
// so that every mistake becomes one message pointing at the scene's own line.
(function (global, host) {
  "use strict";

  class Vector {
    constructor(x, y) { this.x = x; this.y = y; }
    mul(k) { return new Vector(this.x * k, this.y * k); }
    add(v) { const w = vec(v); return new Vector(this.x + w.x, this.y + w.y); }
    sub(v) { const w = vec(v); return new Vector(this.x - w.x, this.y - w.y); }
    neg() { return new Vector(-this.x, -this.y); }
    get length() { return Math.hypot(this.x, this.y); }
    toArray() { return [this.x, this.y]; }
    toString() { return "[" + this.x + ", " + this.y + "]"; }
  }
  function vec(v, y) {
    if (typeof v === "number") return new Vector(v, y === undefined ? 0 : y);
    const p = host.vector(v);
    return new Vector(p[0], p[1]);
  }
  const fromNative = p => new Vector(p[0], p[1]);

  class Color {
    constructor(r, g, b) { this.r = r; this.g = g; this.b = b; }
    toHex() { return host.colorHex(this); }
    toString() { return this.toHex(); }
  }

  // One wrapper per mobject: the host accepts exactly these as handles.
  const wrappers = [];
  host.registerWrappers(wrappers);
  function wrap(id) {
    return wrappers[id] || (wrappers[id] = new Mobject(id));
  }
  function VGroupOf(list) { return wrap(host.group(list)); }

  class Mobject {
    constructor(id) { Object.defineProperty(this, "_id", { value: id }); }
    get kind() { return host.kind(this); }
    toString() { return this.kind + "#" + this._id; }

    // Tree
    add(...mobjects) { host.addChildren(this, mobjects); return this; }
    at(i) { return wrap(host.child(this, i)); }
    get length() { return host.childCount(this); }
    get submobjects() { return host.children(this).map(wrap); }
    forEach(fn) { this.submobjects.forEach(fn); }
    map(fn) { return this.submobjects.map(fn); }
    [Symbol.iterator]() { return this.submobjects[Symbol.iterator](); }
    copy() { return wrap(host.copy(this)); }

    // Measures
    get width() { return host.measure(this, 0); }
    set width(w) { host.scaleToFit(this, w, 0, false); }
    get height() { return host.measure(this, 1); }
    set height(h) { host.scaleToFit(this, h, 1, false); }
    getCenter() { return fromNative(host.criticalPoint(this, [0, 0])); }
    getTop() { return fromNative(host.criticalPoint(this, [0, 1])); }
    getBottom() { return fromNative(host.criticalPoint(this, [0, -1])); }
    getLeft() { return fromNative(host.criticalPoint(this, [-1, 0])); }
    getRight() { return fromNative(host.criticalPoint(this, [1, 0])); }
    getCorner(direction) { return fromNative(host.criticalPoint(this, direction)); }
    getCriticalPoint(direction) { return fromNative(host.criticalPoint(this, direction)); }
    getBoundaryPoint(direction) { return fromNative(host.boundaryPoint(this, direction)); }

    // Layout
    shift(...vectors) { host.shift(this, vectors); return this; }
    moveTo(target, options) { host.moveTo(this, target, options); return this; }
    nextTo(target, direction, options) { host.nextTo(this, target, direction, options); return this; }
    arrange(direction, options) { host.arrange(this, direction, options); return this; }
    toEdge(edge, options) { host.toEdge(this, edge, options); return this; }
    toCorner(corner, options) { host.toCorner(this, corner, options); return this; }
    alignTo(target, direction) { host.alignTo(this, target, direction); return this; }
    center() { host.moveTo(this, [0, 0], undefined); return this; }
    scale(factor, options) { host.scale(this, factor, options); return this; }
    rotate(angle, options) { host.rotate(this, angle, options); return this; }
    scaleToFitWidth(w) { host.scaleToFit(this, w, 0, false); return this; }
    scaleToFitHeight(h) { host.scaleToFit(this, h, 1, false); return this; }
    stretchToFitWidth(w) { host.scaleToFit(this, w, 0, true); return this; }
    stretchToFitHeight(h) { host.scaleToFit(this, h, 1, true); return this; }

    // Style
    setFill(color, options) { host.setFill(this, color, options); return this; }
    setStroke(color, options) { host.setStroke(this, color, options); return this; }
    setColor(color) { host.setColor(this, color); return this; }
    setOpacity(opacity) { host.setOpacity(this, opacity); return this; }
    getColor() { return host.color(this); }
    getFillOpacity() { return host.styleValue(this, "fillOpacity"); }
    getStrokeWidth() { return host.styleValue(this, "strokeWidth"); }
    getStrokeOpacity() { return host.styleValue(this, "strokeOpacity"); }

    /// Manim's .animate: the methods called on it shape the end state of a transform.
    get animate() { return new AnimateBuilder(this); }

    // Matrix (Manim's get_entries, get_rows, get_columns, get_brackets)
    getEntries() { return this.at(0); }
    getRows() {
      const [rows, cols] = this._shape, entries = this.at(0).submobjects;
      return VGroupOf([...Array(rows).keys()].map(i => VGroupOf(entries.slice(i * cols, (i + 1) * cols))));
    }
    getColumns() {
      const [rows, cols] = this._shape, entries = this.at(0).submobjects;
      return VGroupOf([...Array(cols).keys()].map(j => VGroupOf([...Array(rows).keys()].map(i => entries[i * cols + j]))));
    }
    getBrackets() { return VGroupOf([this.at(1), this.at(2)]); }
  }

  // Animations are descriptions until play() records them.
  class AnimationSpec {
    constructor(kind, target, other, options, children) {
      this.__anim = kind;
      this.target = target;
      this.other = other;
      this.options = options;
      this.children = children;
    }
    toString() { return this.__anim + "(…)"; }
  }
  const isOptions = v => v !== null && typeof v === "object" && !(v instanceof AnimationSpec) &&
    !(v instanceof AnimateBuilder) && !(v instanceof Mobject) && !Array.isArray(v) && !(v instanceof Vector);
  const splitOptions = args => (args.length > 0 && isOptions(args[args.length - 1]) ? [args.slice(0, -1), args[args.length - 1]] : [args, undefined]);
  const asSpec = a => (a instanceof AnimateBuilder ? a.spec() : a);

  const chainable = ["shift", "moveTo", "nextTo", "arrange", "toEdge", "toCorner", "alignTo", "center", "scale",
    "rotate", "scaleToFitWidth", "scaleToFitHeight", "stretchToFitWidth", "stretchToFitHeight", "setFill",
    "setStroke", "setColor", "setOpacity"];
  class AnimateBuilder {
    constructor(mobject) {
      Object.defineProperty(this, "_mobject", { value: mobject });
      Object.defineProperty(this, "_target", { value: mobject.copy() });
      Object.defineProperty(this, "_calls", { value: [] });
    }
    spec() { return new AnimationSpec("_MethodAnimation", this._mobject, this._target, undefined, undefined)._named(this._calls); }
  }
  for (const name of chainable) {
    AnimateBuilder.prototype[name] = function (...args) {
      this._target[name](...args);
      this._calls.push(name);
      return this;
    };
  }
  AnimationSpec.prototype._named = function (calls) { this.methodName = calls.join("."); return this; };

  const oneTarget = kind => (target, options) => new AnimationSpec(kind, target, undefined, options, undefined);
  const twoTargets = kind => (target, other, options) => new AnimationSpec(kind, target, other, options, undefined);
  const group = kind => (...args) => {
    const [anims, options] = splitOptions(args);
    return new AnimationSpec(kind, undefined, undefined, options, anims.map(asSpec));
  };

  const api = {
    Vector, vec, Color, Mobject,
    ORIGIN: vec(0, 0), UP: vec(0, 1), DOWN: vec(0, -1), LEFT: vec(-1, 0), RIGHT: vec(1, 0),
    UL: vec(-1, 1), UR: vec(1, 1), DL: vec(-1, -1), DR: vec(1, -1),
    PI: Math.PI, TAU: 2 * Math.PI, DEGREES: Math.PI / 180,
    SMALL_BUFF: 0.1, MED_SMALL_BUFF: 0.25, MED_LARGE_BUFF: 0.5, LARGE_BUFF: 1,
    FRAME_WIDTH: host.frameWidth(), FRAME_HEIGHT: host.frameHeight(),

    Rectangle: options => wrap(host.rectangle(options)),
    Square: options => wrap(host.square(options)),
    Circle: options => wrap(host.circle(options)),
    Line: (start, end, options) => wrap(host.line(start, end, options)),
    Arrow: (start, end, options) => wrap(host.arrow(start, end, options)),
    SurroundingRectangle: (target, options) => wrap(host.surroundingRectangle(target, options)),
    VGroup: (...mobjects) => wrap(host.group(mobjects)),
    Text: (text, options) => wrap(host.text(text, options)),
    MathTex(...args) {
      const options = args.length > 1 && typeof args[args.length - 1] === "object" ? args.pop() : undefined;
      return wrap(host.mathTex(args, options));
    },
    Matrix(rows, options) {
      const m = wrap(host.matrix(rows, options));
      Object.defineProperty(m, "_shape", { value: [rows.length, rows[0].length] });
      return m;
    },

    interpolateColor(a, b, t) {
      const c = host.interpolateColor(a, b, t);
      return new Color(c[0], c[1], c[2]);
    },
    Create: oneTarget("Create"), Uncreate: oneTarget("Uncreate"), Write: oneTarget("Write"),
    Unwrite: oneTarget("Unwrite"), DrawBorderThenFill: oneTarget("DrawBorderThenFill"),
    FadeIn: oneTarget("FadeIn"), FadeOut: oneTarget("FadeOut"), GrowArrow: oneTarget("GrowArrow"),
    GrowFromCenter: oneTarget("GrowFromCenter"), GrowFromPoint: twoTargets("GrowFromPoint"),
    GrowFromEdge: twoTargets("GrowFromEdge"), Transform: twoTargets("Transform"),
    ReplacementTransform: twoTargets("ReplacementTransform"), FadeTransform: twoTargets("FadeTransform"),
    Indicate: oneTarget("Indicate"), Circumscribe: oneTarget("Circumscribe"), Flash: oneTarget("Flash"),
    Wiggle: oneTarget("Wiggle"), ShowPassingFlash: oneTarget("ShowPassingFlash"),
    AnimationGroup: group("AnimationGroup"), LaggedStart: group("LaggedStart"), Succession: group("Succession"),
    Wait: options => new AnimationSpec("Wait", undefined, undefined,
      typeof options === "number" ? { runTime: options } : options, undefined),
    /// NumPy's legacy np.random: random.seed(42); random.rand(4, 4) gives NumPy's numbers.
    random: Object.freeze({
      seed(s) { host.randomSeed(s); },
      rand(...dims) {
        for (const d of dims) {
          if (!Number.isInteger(d) || d < 0 || d > 100000) throw new RangeError("random.rand(): sizes must be whole numbers from 0 to 100000, got " + d);
        }
        const fill = level => (level === dims.length ? host.randomValue()
          : Array.from({ length: dims[level] }, () => fill(level + 1)));
        return fill(0);
      },
    }),
    softmax: (values, options) => host.softmax(values, options),
    attention: (q, k, v, options) => host.attention(q, k, v, options),
    loadWeights: (path, options) => host.loadWeights(path, options),
    play(...args) {
      const [anims, options] = splitOptions(args);
      host.play(anims.map(asSpec), options);
    },
    wait(seconds) { host.wait(seconds); },
    nextSection(name) { host.nextSection(name); },
    add(...mobjects) { host.addToScene(mobjects); },
    remove(...mobjects) { host.removeFromScene(mobjects); },
    param(name, fallback, options) {
      const json = host.param(name, fallback, options);
      return json === undefined ? fallback : JSON.parse(json);
    },
  };
  for (const [name, color] of host.palette()) api[name] = color;
  // Rate functions by Manim's names, camelCased: rateFunc: thereAndBack.
  for (const name of host.rateFunctionNames()) api[name.replace(/_([a-z])/g, (m, c) => c.toUpperCase())] = name;
  for (const name of Object.keys(api)) {
    Object.defineProperty(global, name, { value: api[name], writable: false, enumerable: false, configurable: true });
  }

  // A scene is a function of its file and parameters alone, so the window and every export show
  // the same frames (and a run checked in the sandbox runs the same again): the clock is fixed at
  // 1970-01-01T00:00:00Z and Math.random is a seeded generator (mulberry32).
  let randomState = 0x2545f491;
  Math.random = function random() {
    randomState = (randomState + 0x6d2b79f5) | 0;
    let z = randomState;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
  const RealDate = Date;
  function FixedDate(...args) {
    if (new.target === undefined) return new RealDate(0).toString();
    return new RealDate(...(args.length ? args : [0]));
  }
  FixedDate.prototype = RealDate.prototype;
  FixedDate.now = function now() { return 0; };
  FixedDate.parse = RealDate.parse;
  FixedDate.UTC = RealDate.UTC;
  RealDate.prototype.constructor = FixedDate;
  global.Date = FixedDate;
})(this, __host);
