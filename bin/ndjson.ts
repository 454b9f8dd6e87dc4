/**
 * Newline-delimited JSON read as a stream of lines, in constant memory: the file is read in chunks
 * (1 MiB) into one buffer, lines are found by their newline byte (which no UTF-8 character contains,
 * so none is split) and decoded one at a time; a line is never kept after its turn. A line longer
 * than the buffer grows it. Synchronous, so a command stays simple.
 */
import { closeSync, openSync, readSync } from 'node:fs';

export function forEachLine(file: string, fn: (line: string, lineNo: number) => void, chunk_bytes = 1 << 20): number {
  return forEachLineBytes(file, (buf, start, end, n) => fn(buf.toString('utf8', start, end), n), chunk_bytes);
}

/**
 * As forEachLine, the line given as bytes `buf[start, end)` (without its newline and a CR before it)
 * for a reader that needs no string; `buf` is reused, so a line is read before the call returns.
 */
export function forEachLineBytes(file: string, fn: (buf: Buffer, start: number, end: number, lineNo: number) => void, chunk_bytes = 1 << 20): number {
  const fd = openSync(file, 'r');
  let buf = Buffer.allocUnsafe(chunk_bytes);
  let carry = 0; // bytes of a line begun in the previous chunk, at the buffer's start
  let n = 0;
  const take = (start: number, end: number) => fn(buf, start, end > start && buf[end - 1] === 13 ? end - 1 : end, ++n);
  try {
    for (;;) {
      if (carry === buf.length) buf = Buffer.concat([buf, Buffer.allocUnsafe(buf.length)]); // a line longer than the buffer
      const got = readSync(fd, buf, carry, buf.length - carry, null);
      const end = carry + got;
      if (!got) {
        if (carry) take(0, carry);
        break;
      }
      let start = 0;
      for (let i = buf.indexOf(10, carry); i !== -1 && i < end; i = buf.indexOf(10, start)) {
        take(start, i);
        start = i + 1;
      }
      carry = end - start;
      if (carry) buf.copy(buf, 0, start, end);
    }
  } finally {
    closeSync(fd);
  }
  return n;
}
