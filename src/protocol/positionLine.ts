/**
 * The hot path of reading positions from bytes (a replayed NDJSON file): one line — a JSON object as
 * PositionPayload takes it — read straight from the buffer into a reused record, with no string
 * decoded and no object built per line. Only the plain form is read here: every string printable
 * ASCII without escapes, every number without an exponent and with at most 15 significant digits, no
 * key twice. Anything else (an ISO time, an escape, a nested value, a wrong field, bad JSON) answers
 * false, and the caller goes the general way (JSON.parse, then the schema, which words the problem).
 * It never accepts what PositionPayload refuses (tested against it on generated lines).
 *
 * Numbers: a decimal of at most 15 significant digits and at most 22 decimals is read as
 * mantissa / 10^decimals — both exact doubles, so the quotient is the correctly rounded value, the
 * same double JSON.parse gives (Clinger's fast path, W. D. Clinger, "How to read floating point
 * numbers accurately", PLDI 1990).
 */
import { MAX_TIME_MS, VEHICLE_CLASSES, type VehicleClass } from './ingest.ts';

/** One position as read from a line; the strings are interned (the same id gives the same string). */
export interface PositionRecord {
  id: string;
  kind: 'person' | 'vehicle';
  lon: number;
  lat: number;
  t_ms: number;
  role: string | undefined;
  vehicle_class: VehicleClass | undefined;
}

export const newPositionRecord = (): PositionRecord => ({ id: '', kind: 'person', lon: 0, lat: 0, t_ms: 0, role: undefined, vehicle_class: undefined });

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

// the keys, as numbers (a bit each, to see one twice)
const K_ID = 1;
const K_KIND = 2;
const K_LON = 4;
const K_LAT = 8;
const K_FLOOR = 16;
const K_T = 32;
const K_ROLE = 64;
const K_CLASS = 128;
const K_NAME = 256;
const K_COMPANY = 512;
const KEY_NAMES: Record<number, string> = {
  [K_ID]: 'id',
  [K_KIND]: 'kind',
  [K_LON]: 'lon',
  [K_LAT]: 'lat',
  [K_FLOOR]: 'floor',
  [K_T]: 't',
  [K_ROLE]: 'role',
  [K_CLASS]: 'vehicle_class',
  [K_NAME]: 'name',
  [K_COMPANY]: 'company',
};

/**
 * Reads positions from bytes. Keeps the strings it has seen (ids, roles) so that a tag's id is one
 * string however often it comes: make one reader per file.
 */
export class PositionLineReader {
  private readonly strings = new Map<number, string>();
  // where the last string or number ended, and what it was
  private pos = 0;
  private num = 0;
  private strStart = 0;
  private strEnd = 0;

  /** Reads `buf[start, end)` into `out`; false when the line is not in the plain form (nothing else is to be trusted in `out` then). */
  read(buf: Uint8Array, start: number, end: number, out: PositionRecord): boolean {
    let i = this.ws(buf, start, end);
    if (buf[i] !== 123 /* { */) return false;
    i = this.ws(buf, i + 1, end);
    let seen = 0;
    out.role = undefined;
    out.vehicle_class = undefined;
    if (buf[i] === 125 /* } */) return false; // {} lacks the required keys
    for (;;) {
      // "key"
      if (!this.str(buf, i, end)) return false;
      const key = this.keyOf(buf, this.strStart, this.strEnd);
      if (!key || seen & key) return false;
      seen |= key;
      i = this.ws(buf, this.pos, end);
      if (buf[i] !== 58 /* : */) return false;
      i = this.ws(buf, i + 1, end);
      if (key === K_LON || key === K_LAT || key === K_FLOOR || key === K_T) {
        if (!this.number(buf, i, end)) return false;
        const v = this.num;
        if (key === K_LON) {
          if (!(v >= -180 && v <= 180)) return false;
          out.lon = v;
        } else if (key === K_LAT) {
          if (!(v >= -90 && v <= 90)) return false;
          out.lat = v;
        } else if (key === K_T) {
          if (!Number.isSafeInteger(v) || v < 0 || v > MAX_TIME_MS) return false;
          out.t_ms = v;
        } else if (!Number.isSafeInteger(v)) return false;
      } else {
        if (!this.str(buf, i, end)) return false;
        const a = this.strStart;
        const len = this.strEnd - a;
        if (key === K_ID) {
          if (len < 1 || len > 64) return false;
          out.id = this.intern(buf, a, this.strEnd);
        } else if (key === K_KIND) {
          if (same(buf, a, this.strEnd, 'person')) out.kind = 'person';
          else if (same(buf, a, this.strEnd, 'vehicle')) out.kind = 'vehicle';
          else return false;
        } else if (key === K_ROLE || key === K_NAME) {
          if (len < 1 || len > 64) return false;
          if (key === K_ROLE) out.role = this.intern(buf, a, this.strEnd);
        } else if (key === K_COMPANY) {
          if (len < 1 || len > 128) return false;
        } else {
          let c: VehicleClass | undefined;
          for (const v of VEHICLE_CLASSES) if (same(buf, a, this.strEnd, v)) c = v;
          if (!c) return false;
          out.vehicle_class = c;
        }
      }
      i = this.ws(buf, this.pos, end);
      if (buf[i] === 44 /* , */) {
        i = this.ws(buf, i + 1, end);
        continue;
      }
      if (buf[i] !== 125 /* } */) return false;
      return this.ws(buf, i + 1, end) === end && (seen & (K_ID | K_KIND | K_LON | K_LAT | K_T)) === (K_ID | K_KIND | K_LON | K_LAT | K_T);
    }
  }

  /** Past blanks (space, tab, CR, LF — JSON's whitespace). */
  private ws(buf: Uint8Array, i: number, end: number): number {
    while (i < end) {
      const c = buf[i];
      if (c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
      i++;
    }
    return i;
  }

  /** A string of printable ASCII without escapes, starting at the quote at `i`. */
  private str(buf: Uint8Array, i: number, end: number): boolean {
    if (buf[i] !== 34) return false;
    const a = i + 1;
    for (let j = a; j < end; j++) {
      const c = buf[j];
      if (c === 34) {
        this.strStart = a;
        this.strEnd = j;
        this.pos = j + 1;
        return true;
      }
      if (c < 0x20 || c > 0x7e || c === 92 /* \ */) return false;
    }
    return false;
  }

  /** A JSON number without exponent, ≤ 15 significant digits, ≤ 22 decimals. */
  private number(buf: Uint8Array, i: number, end: number): boolean {
    let neg = false;
    if (buf[i] === 45 /* - */) {
      neg = true;
      i++;
    }
    const first = i;
    let m = 0;
    let digits = 0;
    while (i < end && buf[i] >= 48 && buf[i] <= 57) {
      m = m * 10 + (buf[i] - 48);
      if (m) digits++;
      i++;
    }
    const intLen = i - first;
    if (intLen === 0 || (intLen > 1 && buf[first] === 48)) return false; // none, or a leading zero
    let decimals = 0;
    if (buf[i] === 46 /* . */) {
      i++;
      const d0 = i;
      while (i < end && buf[i] >= 48 && buf[i] <= 57) {
        m = m * 10 + (buf[i] - 48);
        if (m) digits++;
        i++;
      }
      decimals = i - d0;
      if (decimals === 0 || decimals > 22) return false;
    }
    if (digits > 15 || buf[i] === 101 || buf[i] === 69) return false; // too long for the fast path, or an exponent
    const v = decimals ? m / POW10[decimals] : m;
    this.num = neg ? -v : v;
    this.pos = i;
    return true;
  }

  private keyOf(buf: Uint8Array, a: number, b: number): number {
    // by length and first letter, then checked whole
    let k = 0;
    switch (b - a) {
      case 1:
        k = K_T;
        break;
      case 2:
        k = K_ID;
        break;
      case 3:
        k = buf[a + 1] === 111 /* o */ ? K_LON : K_LAT;
        break;
      case 4:
        k = buf[a] === 107 /* k */ ? K_KIND : buf[a] === 114 /* r */ ? K_ROLE : K_NAME;
        break;
      case 5:
        k = K_FLOOR;
        break;
      case 7:
        k = K_COMPANY;
        break;
      case 13:
        k = K_CLASS;
        break;
    }
    return k && same(buf, a, b, KEY_NAMES[k]) ? k : 0;
  }

  /** The string of ASCII bytes [a, b), the same string each time (FNV-1a keyed, checked byte for byte). */
  private intern(buf: Uint8Array, a: number, b: number): string {
    let h = 0x811c9dc5;
    for (let j = a; j < b; j++) h = Math.imul(h ^ buf[j], 0x01000193);
    h &= 0x3fffffff; // a small integer key
    const s = this.strings.get(h);
    if (s !== undefined && same(buf, a, b, s)) return s;
    let t = '';
    for (let j = a; j < b; j++) t += String.fromCharCode(buf[j]);
    if (s === undefined && this.strings.size < 1_000_000) this.strings.set(h, t);
    return t;
  }
}

/** Bytes [a, b) are the ASCII string s. */
function same(buf: Uint8Array, a: number, b: number, s: string): boolean {
  if (b - a !== s.length) return false;
  for (let j = 0; j < s.length; j++) if (buf[a + j] !== s.charCodeAt(j)) return false;
  return true;
}
