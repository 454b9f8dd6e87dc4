/**
 * The JSON Schema of the layout format, generated from the zod schemas (so editors and other tools
 * can validate layouts). `npm run schema` writes it to schema/parktwin-layout.schema.json; a test
 * keeps the shipped file equal to what the code generates.
 *
 * JSON Schema cannot say everything: closed rings, self-intersection, ids and references, gates on
 * the fence and the physical plausibility checks are only in `parktwin validate`.
 */
import { z } from 'zod';
import { KINDS } from './enums.ts';
import { featureSchema, FORMAT_VERSION, ParktwinMeta } from './schema.ts';

export function layoutJsonSchema(): Record<string, unknown> {
  const collection = z.object({
    type: z.literal('FeatureCollection'),
    parktwin: ParktwinMeta,
    features: z.array(z.union(KINDS.map((k) => featureSchema(k)) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]])),
  });
  const schema = z.toJSONSchema(collection, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `parktwin-layout-v${FORMAT_VERSION}.schema.json`,
    title: `parktwin layout, format version ${FORMAT_VERSION}`,
    description:
      'A park layout: a GeoJSON FeatureCollection (RFC 7946) whose features carry properties.kind and a unique properties.id. See docs/layout-format.md. Run `parktwin validate` for the rules JSON Schema cannot express.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}
