/**
 * Writes a layout as JSON with one feature per line: valid GeoJSON that still diffs well in git.
 */
export function stringifyLayout(layout: { type: string; parktwin?: unknown; features: readonly unknown[] }): string {
  const { features, ...head } = layout;
  const top = JSON.stringify(head).slice(0, -1);
  return `${top},"features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}
