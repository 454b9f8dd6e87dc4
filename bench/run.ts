/**
 * `npm run bench -- <name>`: runs bench/<name>.ts. Each benchmark compares against the
 * straightforward baseline in the same run, prints a table for people and, as its last line, one
 * JSON object with the figures.
 */
export {};
const which = process.argv[2];
const known = ['distances', 'render', 'live', 'poolfire', 'risk', 'drill', 'history', 'startup', 'opcua', 'import', 'replay', 'layout'];
if (!which || !known.includes(which)) {
  process.stderr.write(`usage: npm run bench -- <${known.join('|')}>\n`);
  process.exit(2);
}
await import(`./${which}.ts`);
