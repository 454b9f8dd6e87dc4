/**
 * Lines the engines write for people — the basis of a result, a warning — as a key and its values,
 * so the UI can word them in the user's language, with the English text for the CLI and logs. The
 * English templates live here, once; the UI's English strings use them, its Chinese ones sit beside
 * them in src/ui/i18nLive.ts. Templates use i18next's {{name}} placeholders; keys are flat words
 * (i18next reads dots as nesting).
 */
export const NOTES_EN = {
  plume: 'Gaussian plume, ground release {{rate}} kg/s, σ set {{sigma}}, stability {{stability}}, wind {{speed}} m/s from {{dir}}°',
  densePlume:
    'Britter–McQuaid dense plume (CCPS 1999 curve fits), {{rate}} kg/s released at {{t0}} K ({{rho}} kg/m³), wind {{speed}} m/s from {{dir}}°; past Cm/C0 = 0.002 ({{xt}} m) a passive Gaussian plume, σ set {{sigma}}, stability {{stability}}',
  poolFire:
    'pool fire Ø {{d}} m: Babrauskas m″ {{m}} kg/(m² s); wind {{speed}} m/s from {{dir}}° (u* {{ustar}}): Thomas flame {{l}} m long, leaning {{tilt}}° downwind (AGA); solid flame, SEP {{sep}} kW/m² (χr 0.35), Mudan view factor, τ 0.8',
  tankFire:
    'tank fire Ø {{d}} m on the roof, {{z}} m up: Babrauskas m″ {{m}} kg/(m² s); wind {{speed}} m/s from {{dir}}° (u* {{ustar}}): Thomas flame {{l}} m long, leaning {{tilt}}° downwind (AGA); solid flame, SEP {{sep}} kW/m² (χr 0.35), Mudan view factor, τ 0.8',
  poolFireYB:
    'pool fire Ø {{d}} m, TNO Yellow Book set: Babrauskas m″ {{m}} kg/(m² s); wind {{speed}} m/s from {{dir}}° (u* {{ustar}}): Thomas flame {{l}} m long, leaning {{tilt}}° downwind (Yellow Book tilt); solid flame, sooty SEP {{sep}} kW/m² (Fs 0.35), Mudan view factor, τ 0.8',
  tankFireYB:
    'tank fire Ø {{d}} m on the roof, {{z}} m up, TNO Yellow Book set: Babrauskas m″ {{m}} kg/(m² s); wind {{speed}} m/s from {{dir}}° (u* {{ustar}}): Thomas flame {{l}} m long, leaning {{tilt}}° downwind (Yellow Book tilt); solid flame, sooty SEP {{sep}} kW/m² (Fs 0.35), Mudan view factor, τ 0.8',
  vce: 'TNT equivalence: {{mass}} kg in the cloud, yield 3 %, E_TNT 4 686 kJ/kg → {{tnt}} kg TNT; curve {{curve}}',
  bleveGiven: 'BLEVE fireball of {{t}} t: D {{d}} m, {{s}} s, SEP {{sep}} kW/m² (given)',
  bleveRadiativeFraction: 'BLEVE fireball of {{t}} t: D {{d}} m, {{s}} s, SEP {{sep}} kW/m² (radiative fraction 0.27 P^0.32)',
  bleveDefault: 'BLEVE fireball of {{t}} t: D {{d}} m, {{s}} s, SEP {{sep}} kW/m² (default for hydrocarbon fireballs, CCPS 1994, unverified)',
  denseGas:
    '{{substance}} can be dense on release (a cold or two-phase jet), which a neutral Gaussian plume does not represent; its vapour alone is not dense enough here for the dense-gas model: footprints indicative only',
  denseOutOfRange:
    'the dense plume lies outside the Britter–McQuaid nomograph (α = {{alpha}}, valid −1 … 1): its curves are extended, footprints indicative only',
  releaseLiquid:
    'leak through a {{hole}} mm hole at {{p}} kPa(g) ({{fromText}}), {{head}} m of liquid above it: {{rate}} kg/s (Bernoulli, Cd {{cd}}); {{flash}} % flashes to vapour, all of it taken into the cloud',
  releaseGas: 'leak through a {{hole}} mm hole at {{p}} kPa(g) ({{fromText}}): {{rate}} kg/s (ideal gas, not choked, Cd {{cd}})',
  releaseGasChoked: 'leak through a {{hole}} mm hole at {{p}} kPa(g) ({{fromText}}): {{rate}} kg/s (ideal gas, choked, Cd {{cd}})',
  noPoolRate: 'no pool burning rate for {{substance}}: 0.05 kg/(m² s), kβ 2 /m assumed',
  noInstallation: 'no installation "{{id}}" in the layout',
  noSubstance: '{{id}} holds no substance',
  placeNeedsSubstance: 'a release at a place with no installation needs its substance',
  noConsequenceData: 'no consequence data for the substance "{{substance}}" of {{id}}',
  notToxic: '{{substance}} has no toxic end points: choose a flammable leak',
  notFlammable: '{{substance}} is not flammable: choose a toxic leak',
  doesNotBurn: '{{substance}} does not burn',
} as const;

export type NoteKey = keyof typeof NOTES_EN;

export interface Note {
  key: NoteKey;
  params: Record<string, string | number>;
  /** The English text. */
  text: string;
}

/** A note with its English text filled in from the template. */
export function note(key: NoteKey, params: Record<string, string | number> = {}): Note {
  const text = NOTES_EN[key].replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? `{{${k}}}`));
  return { key, params, text };
}
