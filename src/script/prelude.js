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
    return host.vector(v);
  }

  class Color {
    constructor(r, g, b) { this.r = r; this.g = g; this.b = b; }
    toHex() { return host.colorHex(this); }
    toString() { return this.toHex(); }
  }

  // One wrapper per mobject: the host accepts exactly these as handles.
  const wrappers = [];
  function wrap(id) {
    return wrappers[id] || (wrappers[id] = new Mobject(id));
  }

  // A plain object last in a call is its options, as Manim's keyword arguments; one carrying a
  // handle's key is a forged handle, which the host names as such.
  const isOptions = v => v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Mobject) &&
    !("_id" in v) && !("__anim" in v) &&
    !(v instanceof Vector) && !(v instanceof Color) && !(v instanceof Animation) && !(v instanceof AnimateBuilder);
  const splitOptions = args => (args.length > 0 && isOptions(args[args.length - 1]) ? [args.slice(0, -1), args[args.length - 1]] : [args, undefined]);
  const callOf = name => (...args) => { const [pos, opts] = splitOptions(args); return host.call(name, pos, opts); };
  const methodOf = name => function (...args) { const [pos, opts] = splitOptions(args); return host.method(this, name, pos, opts); };

  class Mobject {
    constructor(id) { Object.defineProperty(this, "_id", { value: id }); }
    get kind() { return host.method(this, "kind", [], undefined); }
    toString() { return this.kind + "#" + this._id; }
    at(i) { return host.method(this, "submobject", [i], undefined); }
    get length() { return host.method(this, "count", [], undefined); }
    get submobjects() { return host.method(this, "submobjects", [], undefined); }
    forEach(fn) { this.submobjects.forEach(fn); }
    map(fn) { return this.submobjects.map(fn); }
    [Symbol.iterator]() { return this.submobjects[Symbol.iterator](); }
    get width() { return this.getWidth(); }
    set width(w) { this.scaleToFitWidth(w); }
    get height() { return this.getHeight(); }
    set height(h) { this.scaleToFitHeight(h); }
    /// Manim's .animate: the methods called on it shape the end state of a transform.
    get animate() { return host.method(this, "animate", [], undefined); }
  }
  // Animations and .animate builders are handles the host makes and recognises.
  class Animation {
    constructor(index) { Object.defineProperty(this, "__anim", { value: index }); }
    toString() { return "Animation#" + this.__anim; }
  }
  class AnimateBuilder {
    constructor(index) { Object.defineProperty(this, "__animate", { value: index }); }
  }
  host.registerClasses({ wrappers, wrap, Vector, Color, Animation, AnimateBuilder });

  const api = {
    Vector, vec, Color, Mobject,
    ORIGIN: vec(0, 0), UP: vec(0, 1), DOWN: vec(0, -1), LEFT: vec(-1, 0), RIGHT: vec(1, 0),
    UL: vec(-1, 1), UR: vec(1, 1), DL: vec(-1, -1), DR: vec(1, -1),
    PI: Math.PI, TAU: 2 * Math.PI, DEGREES: Math.PI / 180,
    SMALL_BUFF: 0.1, MED_SMALL_BUFF: 0.25, MED_LARGE_BUFF: 0.5, LARGE_BUFF: 1,
    FRAME_WIDTH: host.frameWidth(), FRAME_HEIGHT: host.frameHeight(),
    /// NumPy's legacy np.random: random.seed(42); random.rand(4, 4) gives NumPy's numbers.
    random: Object.freeze({ seed: callOf("random_seed"), rand: callOf("random_rand") }),
  };
  // Every name of the scene API's table, in JavaScript's spelling.
  for (const e of host.names()) {
    if (e.internal) continue;
    if (e.kind === "method") {
      if (e.name === "animate") continue;
      Mobject.prototype[e.js] = methodOf(e.name);
      if (e.animatable) {
        AnimateBuilder.prototype[e.js] = methodOf(e.name);
      }
    } else {
      api[e.js] = callOf(e.name);
    }
  }
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
