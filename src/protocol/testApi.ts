/**
 * The contract between the page and its browser tests (e2e/) and benches (bench/): the hooks the
 * app puts on `window.__parktwin`, typed once, so a test reads `window.__parktwin.inspect()`
 * without a cast and a view that registers a hook is checked against what the tests expect. The plant view registers its part
 * (src/scene/plant/TestHooks.tsx), the globe its `geo…` part (src/scene/globe/GeoView.tsx). Nothing
 * in the app reads these; they cost nothing until a test calls them.
 */

/** What is really drawn, per layer (instances, or merged features). */
export interface SceneStats {
  drawCalls: number;
  /** Shader programs compiled so far (each costs its compile on the first frame that uses it). */
  programs: number;
  triangles: number;
  layers: Record<string, number>;
  /** Triangles of what is visible (levels of detail as chosen, every instance, before frustum culling), by the nearest layer above a mesh. */
  trianglesByLayer: Record<string, number>;
}

export interface ParktwinTestApi {
  /** The plant view has mounted and drawn. */
  ready?: boolean;
  /** performance.now() of the plant view's first frame (bench/render). */
  firstFrameAt_ms?: number;
  inspect(): SceneStats;
  /** Where a feature is on the screen, CSS pixels (null when off screen). */
  screenPosition(id: string): [number, number] | null;
  /** Flies the plant view's camera to a feature, as choosing it in a list does. */
  lookAt(id: string): boolean;
  /** Where a feature of the layout shown stands, local metres (its anchor), or null. */
  placeOf(id: string): [number, number] | null;
  /** No camera flight asked of the plant view is still under way. */
  cameraIdle(): boolean;
  /** Where a place (local metres; on the ground, or at a height) is on the plant view's screen, CSS pixels. */
  screenPositionOfPlace(x_m: number, y_m: number, height_m?: number): [number, number];
  /** A feature's vertices as the plant view has them (a point, a line, a polygon's outer ring), local metres. */
  verticesOf(id: string): [number, number][] | null;
  /** Renders `frames` frames while orbiting; each frame's time, ms. */
  benchOrbit(frames: number): number[];
  benchLiveOrbit(frames: number, people: number): number[];
  invalidate(): void;
  /** The display state of a sensor on the twin (normal, high_unack, comm_lost …). */
  sensorState(id: string): string;
  /** Live subjects drawn on the twin, by class. */
  liveSubjects(): Record<string, number>;
  /** How many whole-layout validations the planner's edits and forms have run. */
  layoutChecks(): number;

  /** The globe has mounted and drawn. */
  geoReady?: boolean;
  /** How many times the globe was rebuilt after losing its WebGL context (0: never). */
  geoGeneration?: number;
  /** The camera's position once the globe's tiles and entities are loaded, else null. */
  geoSettled(): string | null;
  geoCounts(): Record<string, number>;
  geoSelected(): string | null;
  geoChecks(): string[];
  geoLive(): { sensors: number; alarmed: number; commLost: number; subjects: number; footprints: number; fire: number; cameraViews: number; openViews: number };
  geoScreenPositionOfPlace(x_m: number, y_m: number): [number, number] | null;
  /** The globe's labels in the last placement: shown, hidden for covering a shown one, and how many shown ones overlap (0). */
  geoLabels(): { shown: number; hidden: number; overlaps: number };
  /** What the globe shows at a place (local metres), front to back; null when off screen. */
  geoPickAt(x_m: number, y_m: number): string[] | null;
}

declare global {
  interface Window {
    /** Present in the page under test once the views have registered their hooks. */
    __parktwin: ParktwinTestApi;
  }
}

/** Adds a view's hooks to `window.__parktwin`. */
export function exposeTestApi(part: Partial<ParktwinTestApi>): void {
  window.__parktwin = { ...window.__parktwin, ...part };
}
