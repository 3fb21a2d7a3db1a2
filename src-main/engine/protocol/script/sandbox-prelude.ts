// The JavaScript that runs INSIDE the QuickJS sandbox around the operator's parse():
// it loops over a batch of frames, checks each result's shape and writes numbers into
// one Float64Array, so the host crosses into the sandbox once per batch, not per frame.
// Kept on one line before the source so reported line numbers are the operator's own.

/** Columns per frame in the output (the channel limit). */
export const SCRIPT_STRIDE = 32;

export const PRELUDE = `(function () { "use strict"; `;

export function epilogue(stride: number): string {
  return `
;
if (typeof parse !== "function") throw new TypeError("the script must define function parse(frame)");
var P = parse, STRIDE = ${stride};
var names = [], index = Object.create(null), arrayCols = [];
var frames = [], bytes = null, offs = null, text = false;
var out = new Float64Array(0), ok = new Uint8Array(0), errs = [], pos = 0, unknown = 0;
// Per column: 1 + the last frame index (of this batch) that wrote it.
var seen = new Int32Array(STRIDE);
function column(name) {
  var c = index[name];
  if (c !== undefined) return c;
  if (names.length >= STRIDE) return -1;
  c = names.length; names.push(name); index[name] = c;
  return c;
}
function arrayCol(i) {
  var c = arrayCols[i];
  if (c === undefined) { c = column("ch" + (i + 1)); if (c >= 0) arrayCols[i] = c; }
  return c;
}
function fail(f, why) {
  ok[f] = 0;
  errs.push(f, String(why).slice(0, 200));
}
function describe(e) {
  if (e && typeof e === "object" && typeof e.message === "string") return (e.name ? e.name + ": " : "") + e.message;
  return "threw " + String(e);
}
return {
  setNames: function (json) {
    names = []; index = Object.create(null); arrayCols = [];
    var list = JSON.parse(json);
    for (var i = 0; i < list.length; i++) column(list[i]);
  },
  prepare: function (input, offsets, n, delim) {
    text = typeof input === "string";
    if (text) {
      frames = input.split(delim);
      if (frames.length > n) frames.length = n;
      for (var i = 0; i < frames.length; i++) { var l = frames[i]; if (l.charCodeAt(l.length - 1) === 13) frames[i] = l.slice(0, -1); }
    } else {
      bytes = new Uint8Array(input); offs = new Int32Array(offsets);
    }
    if (out.length < n * STRIDE) { out = new Float64Array(n * STRIDE); ok = new Uint8Array(n); }
    for (var z = 0; z < n; z++) ok[z] = 0;
    errs = []; unknown = 0; pos = 0;
    seen.fill(0);
  },
  run: function (from, n) {
    for (var f = from; f < n; f++) {
      pos = f;
      var r;
      try {
        r = P(text ? frames[f] : bytes.subarray(offs[2 * f], offs[2 * f + 1]));
      } catch (e) { fail(f, describe(e)); continue; }
      if (r === null || typeof r !== "object") { fail(f, "parse() returned " + (r === null ? "null" : typeof r) + ", not an array of numbers or {name: number}"); continue; }
      var base = f * STRIDE, width = names.length, wrote = 0, stamp = f + 1, i, v, col;
      // Columns are written as found and stamped; only a frame that left some out pays
      // for clearing them (most frames write every column, so no NaN pre-fill).
      if (Array.isArray(r)) {
        var len = r.length;
        for (i = 0; i < len; i++) {
          v = r[i];
          if (typeof v !== "number") break;
          col = arrayCols[i];
          if (col === undefined) col = arrayCol(i);
          if (col < 0) { unknown++; continue; }
          out[base + col] = v; seen[col] = stamp; wrote++;
        }
        if (i < len) { fail(f, "value " + i + " is " + typeof v + ", not a number"); continue; }
      } else {
        var keys = Object.keys(r), nk = keys.length;
        for (i = 0; i < nk; i++) {
          v = r[keys[i]];
          if (typeof v !== "number") break;
          col = column(keys[i]);
          if (col < 0) { unknown++; continue; }
          out[base + col] = v; seen[col] = stamp; wrote++;
        }
        if (i < nk) { fail(f, "\\"" + keys[i] + "\\" is " + typeof v + ", not a number"); continue; }
      }
      // Columns first seen in this frame widen it; distinct names/indices map to distinct columns.
      width = names.length;
      if (wrote < width) for (var c = 0; c < width; c++) if (seen[c] !== stamp) out[base + c] = NaN;
      // 1 + the columns this frame wrote or cleared (the host clears the rest); 0 = failed.
      ok[f] = 1 + width;
    }
    pos = n;
    return n;
  },
  pos: function () { return pos; },
  fail: function (f, why) { fail(f, why); },
  result: function () { return JSON.stringify({ names: names, errs: errs, unknown: unknown }); },
  out: function (n) { return out.buffer.slice(0, n * STRIDE * 8); },
  ok: function (n) { return ok.buffer.slice(0, n); }
};
})()`;
}
