/**
 * The six lodash functions osmtogeojson uses (clone, compact, each, isArray, isEmpty, merge), for
 * the browser build: osmtogeojson bundles a lodash 2 build that compiles its iterators with
 * `Function(…)` when it loads, which the page's Content-Security-Policy forbids (no 'unsafe-eval').
 * vite.config.ts points osmtogeojson's `./lodash.custom.js` here; src/import/osmLodash.test.ts
 * checks that osmtogeojson gives the same GeoJSON with these as with its own.
 */
'use strict';
const own = (o, k) => Object.hasOwn(o, k);
const isObject = (x) => x !== null && typeof x === 'object';
/** Arrays and array-likes (a DOM NodeList) by index, objects by own key; `false` from the callback stops. */
function each(c, f) {
  if (c == null) return c;
  if (typeof c.length === 'number') {
    for (let i = 0; i < c.length; i++) if (f(c[i], i, c) === false) break;
  } else for (const k in c) if (own(c, k) && f(c[k], k, c) === false) break;
  return c;
}
/** Deep merge of the sources into the first object (plain objects merged, other values replaced; undefined skipped). */
function merge(target, ...sources) {
  if (!isObject(target)) return target;
  for (const s of sources) {
    if (!isObject(s)) continue;
    for (const k of Object.keys(s)) {
      const v = s[k];
      if (isObject(v) && !Array.isArray(v) && isObject(target[k]) && !Array.isArray(target[k])) merge(target[k], v);
      else if (v !== undefined) target[k] = v;
    }
  }
  return target;
}
module.exports = {
  isArray: Array.isArray,
  clone: (x) => (Array.isArray(x) ? x.slice() : isObject(x) ? { ...x } : x),
  compact: (a) => (a ?? []).filter(Boolean),
  each,
  isEmpty: (x) => {
    if (x == null) return true;
    if (Array.isArray(x) || typeof x === 'string') return x.length === 0;
    for (const k in x) if (own(x, k)) return false;
    return true;
  },
  merge,
};
