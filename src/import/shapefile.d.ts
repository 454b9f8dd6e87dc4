/** shapefile 0.6 ships no types: what parktwin calls. */
declare module 'shapefile' {
  export function read(
    shp: ArrayBuffer | Uint8Array,
    dbf?: ArrayBuffer | Uint8Array,
    options?: { encoding?: string },
  ): Promise<{
    type: 'FeatureCollection';
    features: { type: 'Feature'; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } | null }[];
  }>;
}
