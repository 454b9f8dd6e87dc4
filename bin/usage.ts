/** The CLI's help: its own module, so `parktwin --help` loads nothing else. */
export const USAGE = `usage: parktwin <command> [options]

commands:
  validate <layout.geojson>                       check a layout file; exit 1 with one line per problem
  generate --seed S --scale K [--out file]        write a synthetic park K times the demo's size
  distances <layout> [--rules f]... [--format json|csv]
                                                  safety distances against the rule sets, worst margin first
  major-hazards <layout>                          GB 18218-2018 units with S, R, alpha and grade
  check <layout> [--rules f]...                   enclosure, two bans, occupied places, dikes, four systems,
                                                  GB/T 37243 method per installation
  replay <layout> <positions.ndjson>              geofence events (breaches, gates, zones …) as NDJSON
  hazard <file.json | ->                          a consequence model ({"model": "gaussian-plume" | "gaussian-puff" |
                                                  "britter-mcquaid-plume" | "tnt" | "pool-fire" | "bleve-fireball" |
                                                  "probit" | "discharge", …}), JSON out
  scenario <layout> <scenario.json | ->           an emergency scenario on the park (leak, pool fire, VCE, BLEVE
                                                  at an installation or a place, in a given weather): its
                                                  footprints, source and what they reach as GeoJSON
  risk <layout> <study.json | ->                  individual risk of scenarios with yearly frequencies over the
                                                  weather and the wind rose: iso-risk lines at GB 36894's levels
                                                  and every protected target against its limit, the F–N
                                                  curve against GB 36894's societal criterion, as GeoJSON
  import <file.dxf | .osm | .kml> [--crs EPSG:n | --control points.csv] [--map mapping.json] [--out layout.geojson]
                                                  a CAD site plan (CGCS2000 Gauss–Kruger or a local grid placed by
                                                  control points), an OpenStreetMap extract or a KML into a layout; a report
                                                  of what became what on stderr, then the layout validated
  user add|passwd|role|disable|enable|remove|list  people in the users file (PARKTWIN_USERS_FILE or --file);
                                                  passwords asked without echo or read with --password-stdin
  token add|remove|list                           machine tokens (ingest, read, operate, plan); a new one is shown once

options:
  -h, --help                                      show this help
`;
