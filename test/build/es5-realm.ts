// A Node `vm` realm that looks enough like Internet Explorer 11 to matter for the ES5 bundles:
// the ES2015+ globals and methods are deleted before the bundle runs (core-js must put back what
// the code uses), Array#sort is unstable, RegExp() rejects the flags u/y/s and lookbehind, navigator
// says Trident (core-js then applies its IE fixes),
// and the usual web APIs of a fresh vm context are absent (no URL, queueMicrotask, TextEncoder…).
//
// Objects of the test's realm (the fake Excel host, Office stubs) reach the bundle through a
// membrane: arrays are COPIED into arrays of the other realm, so the bundle sees only its own
// (stripped, polyfilled) Array.prototype, never the test realm's native ES2023 methods; other objects
// and functions are wrapped in proxies that convert arguments, results, thrown errors and `this`.
import * as vm from 'vm';

/**
 * Deleted in the realm before any bundle runs. Static members as 'Object.assign', prototype ones as
 * 'Array.prototype.includes'. (Number.EPSILON & co. are non-configurable: they cannot be deleted.)
 */
export const STRIPPED: readonly string[] = [
  'Symbol', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'Promise', 'Proxy', 'Reflect',
  'BigInt', 'AggregateError', 'SharedArrayBuffer', 'Atomics', 'queueMicrotask', 'structuredClone',
  'Object.assign', 'Object.entries', 'Object.values', 'Object.fromEntries', 'Object.getOwnPropertySymbols',
  'Object.getOwnPropertyDescriptors', 'Object.is', 'Object.hasOwn', 'Object.groupBy',
  'Array.from', 'Array.of',
  'Array.prototype.includes', 'Array.prototype.find', 'Array.prototype.findIndex', 'Array.prototype.findLast',
  'Array.prototype.findLastIndex', 'Array.prototype.fill', 'Array.prototype.copyWithin', 'Array.prototype.entries',
  'Array.prototype.keys', 'Array.prototype.values', 'Array.prototype.flat', 'Array.prototype.flatMap', 'Array.prototype.at',
  'Array.prototype.toSorted', 'Array.prototype.toReversed', 'Array.prototype.toSpliced', 'Array.prototype.with',
  'String.fromCodePoint', 'String.raw',
  'String.prototype.normalize', 'String.prototype.includes', 'String.prototype.startsWith', 'String.prototype.endsWith',
  'String.prototype.repeat', 'String.prototype.padStart', 'String.prototype.padEnd', 'String.prototype.trimStart',
  'String.prototype.trimEnd', 'String.prototype.codePointAt', 'String.prototype.at', 'String.prototype.matchAll',
  'String.prototype.replaceAll',
  'Number.isFinite', 'Number.isNaN', 'Number.isInteger', 'Number.isSafeInteger', 'Number.parseFloat', 'Number.parseInt',
  'Math.trunc', 'Math.sign', 'Math.log10', 'Math.log2', 'Math.hypot', 'Math.cbrt', 'Math.expm1', 'Math.log1p',
  'Math.fround', 'Math.imul', 'Math.clz32', 'Math.cosh', 'Math.sinh', 'Math.tanh', 'Math.acosh', 'Math.asinh', 'Math.atanh',
  'RegExp.prototype.flags', 'RegExp.prototype.sticky', 'RegExp.prototype.unicode', 'RegExp.prototype.dotAll',
  'RegExp.prototype.hasIndices', 'RegExp.prototype.unicodeSets', 'Error.captureStackTrace', 'globalThis',
];

export const IE11_UA = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko';

/** Runs in the fresh realm (ES5 only): deletes STRIPPED and installs an unstable sort like IE's. */
const STRIP_SCRIPT = `(function (g, names) {
  for (var i = 0; i < names.length; i++) {
    var path = names[i].split('.'), owner = g, k;
    for (k = 0; k < path.length - 1; k++) owner = owner[path[k]];
    var key = path[path.length - 1];
    if (!(key in owner)) continue;
    delete owner[key];
    if (key in owner) throw new Error('could not delete ' + names[i]);
  }
  // IE 11's Array#sort is not stable: a heap sort (undefined last, holes removed, like the spec)
  function heapSort(cmp) {
    var a = this, n = a.length >>> 0, vals = [], undef = 0, i;
    for (i = 0; i < n; i++) if (i in a) { if (a[i] === undefined) undef++; else vals.push(a[i]); }
    var c = typeof cmp === 'function'
      ? function (x, y) { var r = +cmp(x, y); return r !== r ? 0 : r; }
      : function (x, y) { var sx = String(x), sy = String(y); return sx < sy ? -1 : sx > sy ? 1 : 0; };
    function sift(root, end) {
      for (;;) {
        var child = 2 * root + 1, top = root, t;
        if (child > end) return;
        if (c(vals[top], vals[child]) < 0) top = child;
        if (child + 1 <= end && c(vals[top], vals[child + 1]) < 0) top = child + 1;
        if (top === root) return;
        t = vals[root]; vals[root] = vals[top]; vals[top] = t; root = top;
      }
    }
    var m = vals.length, s, e, t;
    for (s = (m - 2) >> 1; s >= 0; s--) sift(s, m - 1);
    for (e = m - 1; e > 0; e--) { t = vals[0]; vals[0] = vals[e]; vals[e] = t; sift(0, e - 1); }
    for (i = 0; i < m; i++) a[i] = vals[i];
    for (; i < m + undef; i++) a[i] = undefined;
    for (; i < n; i++) delete a[i];
    return a;
  }
  Object.defineProperty(Array.prototype, 'sort', { value: heapSort, writable: true, configurable: true });
  // RegExp(): IE 11 knows only the flags g, i, m, and no lookbehind or named groups (literals are
  // checked by the ES5 parse of the bundle; this catches patterns built at run time)
  var NativeRegExp = RegExp;
  function IERegExp(pattern, flags) {
    var isRe = pattern instanceof NativeRegExp;
    if (isRe && flags !== undefined) throw new TypeError('RegExp: flags with a RegExp pattern (ES5)');
    if (flags !== undefined && /[^gim]/.test(String(flags))) throw new SyntaxError('Invalid regular expression flags for Internet Explorer 11: ' + flags);
    if (!isRe && /\\(\\?<[=!A-Za-z_$]/.test(String(pattern))) throw new SyntaxError('Lookbehind or named group: not in Internet Explorer 11: ' + pattern);
    if (isRe && !(this instanceof IERegExp)) return pattern;
    return isRe ? new NativeRegExp(pattern.source, (pattern.global ? 'g' : '') + (pattern.ignoreCase ? 'i' : '') + (pattern.multiline ? 'm' : '')) : new NativeRegExp(pattern === undefined ? '' : pattern, flags);
  }
  IERegExp.prototype = NativeRegExp.prototype;
  Object.defineProperty(NativeRegExp.prototype, 'constructor', { value: IERegExp, writable: true, configurable: true });
  g.RegExp = IERegExp;
  g.window = g;
  g.self = g;
  g.navigator = { userAgent: ${JSON.stringify(IE11_UA)}, language: 'zh-CN' };
})(this, NAMES);`;

export interface Es5Realm {
  context: vm.Context;
  /** Messages the realm wrote to console (printed when a test fails). */
  log: string[];
  /** Test realm → bundle realm (arrays copied, the rest proxied). */
  toInner(v: unknown): unknown;
  /** Bundle realm → test realm. */
  toOuter(v: unknown): unknown;
  /** Runs a script in the realm. */
  run(code: string, filename?: string): unknown;
  /** The realm's own value of `expr`. */
  get(expr: string): unknown;
}

export function createEs5Realm(): Es5Realm {
  const log: string[] = [];
  const context = vm.createContext({});
  vm.runInContext(STRIP_SCRIPT.replace('NAMES', JSON.stringify(STRIPPED)), context, { filename: 'strip.js' });
  // IE 11 has timers and setImmediate; the host's are fine (callbacks are the realm's functions)
  Object.assign(context, {
    setTimeout: (fn: () => void, ms?: number) => setTimeout(fn, ms),
    clearTimeout: (t: NodeJS.Timeout) => clearTimeout(t),
    setInterval: (fn: () => void, ms?: number) => setInterval(fn, ms),
    clearInterval: (t: NodeJS.Timeout) => clearInterval(t),
    setImmediate: (fn: () => void) => setImmediate(fn),
    clearImmediate: (t: NodeJS.Immediate) => clearImmediate(t),
  });

  const makeInnerArray = vm.runInContext('(function () { return []; })', context) as () => unknown[];
  // proxy → what it wraps, per direction; and the proxy made for each wrapped object
  const innerFacing = new WeakMap<object, object>(); // proxy used by the realm → test-realm object
  const outerFacing = new WeakMap<object, object>(); // proxy used by the test → realm object
  const proxyForOuter = new WeakMap<object, object>();
  const proxyForInner = new WeakMap<object, object>();

  const isObj = (v: unknown): v is object => (typeof v === 'object' && v !== null) || typeof v === 'function';

  function proxy(target: object, made: WeakMap<object, object>, facing: WeakMap<object, object>, into: (v: unknown) => unknown, back: (v: unknown) => unknown): object {
    const known = made.get(target);
    if (known) return known;
    const p = new Proxy(target, {
      get(t, key) {
        try {
          return into(Reflect.get(t, key, t));
        } catch (e) {
          throw into(e);
        }
      },
      set(t, key, value) {
        try {
          return Reflect.set(t, key, back(value), t);
        } catch (e) {
          throw into(e);
        }
      },
      apply(t, self, args) {
        let result: unknown;
        try {
          result = Reflect.apply(t as (...a: unknown[]) => unknown, back(self), args.map(back));
        } catch (e) {
          throw into(e);
        }
        return into(result);
      },
      construct(t, args) {
        try {
          return into(Reflect.construct(t as new (...a: unknown[]) => object, args.map(back))) as object;
        } catch (e) {
          throw into(e);
        }
      },
    });
    made.set(target, p);
    facing.set(p, target);
    return p;
  }

  function toInner(v: unknown): unknown {
    if (!isObj(v)) return v;
    if (innerFacing.has(v)) return v; // already the realm's view
    const inner = outerFacing.get(v);
    if (inner) return inner; // a realm object coming back
    if (Array.isArray(v)) {
      const a = makeInnerArray();
      for (let i = 0; i < v.length; i++) a[i] = toInner(v[i]);
      return a;
    }
    return proxy(v, proxyForOuter, innerFacing, toInner, toOuter);
  }

  function toOuter(v: unknown): unknown {
    if (!isObj(v)) return v;
    if (outerFacing.has(v)) return v;
    const outer = innerFacing.get(v);
    if (outer) return outer; // a test-realm object coming back
    if (Array.isArray(v)) {
      const a: unknown[] = [];
      for (let i = 0; i < v.length; i++) a[i] = toOuter(v[i]);
      return a;
    }
    return proxy(v, proxyForInner, outerFacing, toOuter, toInner);
  }

  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ');
  context.console = toInner({
    log: (...a: unknown[]) => void log.push(text(a)),
    info: (...a: unknown[]) => void log.push(text(a)),
    warn: (...a: unknown[]) => void log.push(`warn: ${text(a)}`),
    error: (...a: unknown[]) => void log.push(`error: ${text(a)}`),
  });

  return {
    context,
    log,
    toInner,
    toOuter,
    run: (code, filename = 'script.js') => {
      try {
        return vm.runInContext(code, context, { filename });
      } catch (e) {
        // a short error: jest would otherwise print the whole (one-line, minified) bundle
        const err = e as { name?: string; message?: string; stack?: string };
        const frames = String(err?.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 8);
        throw new Error([`${filename}: ${err?.name ?? 'Error'}: ${err?.message ?? String(e)}`, ...frames].join('\n'));
      }
    },
    get: (expr) => vm.runInContext(expr, context),
  };
}
