// Writes schema/parktwin-layout.schema.json from the zod schemas (npm run schema).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { layoutJsonSchema } from '../src/model/jsonSchema.ts';

const out = path.join(import.meta.dirname, '..', 'schema', 'parktwin-layout.schema.json');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(layoutJsonSchema(), null, 2) + '\n');
process.stderr.write(`wrote ${path.relative(process.cwd(), out)}\n`);
