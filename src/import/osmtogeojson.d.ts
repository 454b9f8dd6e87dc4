/** osmtogeojson 2.x ships no types: what parktwin calls. */
declare module 'osmtogeojson' {
  interface Options {
    flatProperties?: boolean;
    uninterestingTags?: Record<string, boolean>;
  }
  interface Feature {
    type: 'Feature';
    id: string;
    properties: Record<string, unknown>;
    geometry: { type: string; coordinates: unknown } | null;
  }
  function osmtogeojson(data: unknown, options?: Options): { type: 'FeatureCollection'; features: Feature[] };
  export default osmtogeojson;
}
