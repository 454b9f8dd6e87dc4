/**
 * The name to show for a feature in a language: the layout's `name` is Chinese, `name_en`
 * English; each falls back to the other, then to the id (or the given fallback).
 */
export function displayName(props: unknown, lang: string, fallback: string): string {
  const p = (props ?? {}) as { name?: unknown; name_en?: unknown };
  const zh = typeof p.name === 'string' && p.name ? p.name : undefined;
  const en = typeof p.name_en === 'string' && p.name_en ? p.name_en : undefined;
  return (lang.startsWith('en') ? (en ?? zh) : (zh ?? en)) ?? fallback;
}
