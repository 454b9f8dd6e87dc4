/** Waits for a condition, polling; fails naming what it waited for. */
export async function until(what: string, ok: () => boolean, timeout_ms = 10_000, every_ms = 25): Promise<void> {
  const end = Date.now() + timeout_ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every_ms));
  }
}
