/**
 * Enumerations of the layout format. Each list is the closed set a layout may use; the labels
 * for people live in src/ui/i18n, not here.
 */

/** Feature kinds of layout format version 1. */
export const KINDS = [
  'park',
  'land_use_control_line',
  'enterprise',
  'fence',
  'gate',
  'tank',
  'vessel',
  'process_unit',
  'flare',
  'dike',
  'pipe_rack',
  'pipeline',
  'building',
  'zone',
  'protected_target',
  'sensor',
  'road',
  'railway',
  'power_line',
  'emergency_resource',
] as const;
export type Kind = (typeof KINDS)[number];

/**
 * Fire-hazard classes of stored liquids and liquefied gases, GB 50160-2008 (2018 ed.) §3.0.2,
 * Table 3.0.2: 甲A liquefied hydrocarbons (vapour pressure > 0.1 MPa at 15 °C); 甲B flash point
 * < 28 °C; 乙A 28–45 °C; 乙B 45–60 °C; 丙A 60–120 °C; 丙B > 120 °C.
 */
export const LIQUID_FIRE_CLASSES = ['甲A', '甲B', '乙A', '乙B', '丙A', '丙B'] as const;
export type LiquidFireClass = (typeof LIQUID_FIRE_CLASSES)[number];

/** Fire-hazard classes of production (process units), GB 50160-2008 §3.0 / GB 50016 §3.1.1. */
export const PROCESS_FIRE_CLASSES = ['甲', '乙', '丙', '丁', '戊'] as const;
export type ProcessFireClass = (typeof PROCESS_FIRE_CLASSES)[number];

export const TANK_ROOFS = ['fixed', 'floating', 'internal_floating', 'horizontal', 'sphere', 'full_containment'] as const;
export type TankRoof = (typeof TANK_ROOFS)[number];

/**
 * The 18 hazardous chemical processes under key supervision (重点监管的危险化工工艺), State
 * Administration of Work Safety lists of 2009 (15) and 2013 (3).
 */
export const HAZARDOUS_PROCESSES = [
  'phosgenation', // 光气及光气化工艺
  'chlor_alkali_electrolysis', // 电解工艺（氯碱）
  'chlorination', // 氯化工艺
  'nitration', // 硝化工艺
  'ammonia_synthesis', // 合成氨工艺
  'cracking', // 裂解（裂化）工艺
  'fluorination', // 氟化工艺
  'hydrogenation', // 加氢工艺
  'diazotisation', // 重氮化工艺
  'oxidation', // 氧化工艺
  'peroxidation', // 过氧化工艺
  'amination', // 胺基化工艺
  'sulfonation', // 磺化工艺
  'polymerisation', // 聚合工艺
  'alkylation', // 烷基化工艺
  'coal_chemical', // 新型煤化工工艺
  'calcium_carbide', // 电石生产工艺
  'azo', // 偶氮化工艺
] as const;

export const BUILDING_USES = [
  'central_control_room',
  'control_room',
  'shift_room',
  'office',
  'admin',
  'lab',
  'substation',
  'fire_station',
  'rest_room',
  'outside_operator_room',
  'inspection_room',
  'warehouse',
  'canteen',
  'workshop',
  'dormitory',
  'gatehouse',
  'pump_house',
  'compressor_house',
  'medical',
  'telecom',
  'other',
] as const;
export type BuildingUse = (typeof BUILDING_USES)[number];

/** Buildings where people gather (人员聚集场所), the seed's internal-layout provision. */
export const OCCUPIED_BUILDING_USES: readonly BuildingUse[] = [
  'central_control_room',
  'control_room',
  'shift_room',
  'office',
  'admin',
  'lab',
  'rest_room',
  'outside_operator_room',
  'inspection_room',
  'canteen',
  'dormitory',
];

export const ZONE_PURPOSES = [
  'restricted',
  'hazardous_area',
  'hot_work',
  'confined_space',
  'maintenance',
  'hazchem_parking',
  'loading',
  'assembly_point',
] as const;
export type ZonePurpose = (typeof ZONE_PURPOSES)[number];

export const TARGET_CATEGORIES = [
  'residential',
  'village',
  'school',
  'hospital',
  'kindergarten',
  'care_home',
  'public_gathering',
  'important_target',
  'neighbouring_plant',
  'office',
  'commercial',
  'other',
] as const;

/**
 * Protection-target categories of GB 36894-2018 §4 / Table 1: high-sensitivity (schools,
 * hospitals, kindergartens, care homes, prisons …), important targets, and general targets of
 * class 1 (≥ 100 people), class 2 (30–99) and class 3 (< 30).
 */
export const GB36894_CATEGORIES = ['high_sensitivity', 'important', 'general_1', 'general_2', 'general_3'] as const;
export type Gb36894Category = (typeof GB36894_CATEGORIES)[number];

export const SENSOR_TYPES = ['combustible_gas', 'toxic_gas', 'oxygen', 'level', 'temperature', 'pressure', 'flame', 'video', 'esd_valve', 'lightning'] as const;
export type SensorType = (typeof SENSOR_TYPES)[number];

/** Units each sensor type may report in. The first is the default. */
export const SENSOR_UNITS: Record<SensorType, readonly string[]> = {
  combustible_gas: ['%LEL', 'LEL·m'],
  toxic_gas: ['ppm', 'mg/m3'],
  oxygen: ['%vol'],
  level: ['m', '%'],
  temperature: ['°C'],
  pressure: ['kPa', 'MPa'],
  flame: ['state'],
  video: ['state'],
  esd_valve: ['state'],
  lightning: ['kV/m', 'km'],
};

export const GATE_ADMITS = ['people', 'car', 'goods', 'hazchem', 'emergency'] as const;
export type GateAdmit = (typeof GATE_ADMITS)[number];

export const EMERGENCY_RESOURCE_TYPES = [
  'fire_station',
  'response_team',
  'foam_monitor',
  'water_monitor',
  'medical_post',
  'equipment_store',
  'fire_hydrant',
] as const;

export const PIPELINE_PLACEMENTS = ['on_rack', 'above_ground', 'underground'] as const;

export const SAFETY_GRADES = ['A', 'B', 'C', 'D'] as const;
