// Generates the benchmark's large datasets, deterministically (same bytes on every run), from
// the sample in public/data/atlas.json:
//
//   big.json     the sample grown to about 5 MB: many invented places with descriptions and
//                facts in the sample's regions, and many invented indicator series. It measures
//                parse + validate of a 5 MB file (budget ≤ 150 ms in the browser).
//   stress.json  101 invented "departments": 96 square-ish cells on a grid over metropolitan
//                France's bounding box and 5 small overseas squares drawn as insets, each with
//                44 vertices; 2,000 places with points inside their cell; 3 indicators with a
//                value for every department. It measures the map at scale (≥ 50 fps panning).
//
// Everything generated is clearly invented ("Département fictif", "Invented place"): these files
// must never be mistaken for data. Both are valid against the format; check with
//   cargo run -q -p atlas-core --bin atlas-validate -- bench/results/data/*.json
//
// Usage: node bench/make-stress.mjs [--out bench/results/data] [--sample public/data/atlas.json]
//        [--big-bytes 5000000]

import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");

const CATEGORIES = ["cluster", "campus", "incubator", "company", "startup", "agency", "association", "hospital", "laboratory"];
const SOURCE_ID = "bench-synthetic";

/** mulberry32: a tiny seeded PRNG, so the files are identical on every run and machine. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rounds to 5 decimals (≈ 1 m), the precision a real boundary file would have. */
const r5 = (x) => Math.round(x * 1e5) / 1e5;
const pad = (n, w) => String(n).padStart(w, "0");

function syntheticSource() {
  return {
    id: SOURCE_ID,
    title: { fr: "Données inventées pour le banc d'essai", en: "Data invented for the benchmark" },
    publisher: "Health Regions Atlas benchmark",
    origin: { kind: "document", reference: "bench/make-stress.mjs" },
  };
}

// ---------------------------------------------------------------------------------------------
// Geometry helpers

/** Ray-casting point-in-ring test, in lon/lat degrees. */
function ringContains(ring, x, y) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function geometryContains(geometry, x, y) {
  const polygons = geometry.type === "MultiPolygon" ? geometry.coordinates : [geometry.coordinates];
  return polygons.some((rings) => rings.reduce((inside, ring) => inside !== ringContains(ring, x, y), false));
}

function bbox(geometry) {
  const polygons = geometry.type === "MultiPolygon" ? geometry.coordinates : [geometry.coordinates];
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of polygons)
    for (const [x, y] of rings[0]) {
      b[0] = Math.min(b[0], x);
      b[1] = Math.min(b[1], y);
      b[2] = Math.max(b[2], x);
      b[3] = Math.max(b[3], y);
    }
  return b;
}

/** A point inside the geometry, by rejection sampling in its bounding box. */
function pointIn(geometry, rand) {
  const [x0, y0, x1, y1] = bbox(geometry);
  for (let tries = 0; tries < 10_000; tries++) {
    const x = x0 + (x1 - x0) * rand();
    const y = y0 + (y1 - y0) * rand();
    if (geometryContains(geometry, x, y)) return [r5(x), r5(y)];
  }
  throw new Error("could not find a point inside a region");
}

// ---------------------------------------------------------------------------------------------
// stress.json: 101 invented departments

// Metropolitan France's bounding box, roughly; the grid covers it with 12 × 8 cells.
const FRANCE = { lon: [-5.0, 9.5], lat: [42.3, 51.0] };
const COLS = 12;
const ROWS = 8;
/** Segments per cell side: 4 × 11 = 44 vertices per department (the brief asks for ≥ 40). */
const SEGMENTS = 11;

/**
 * The wobble of a point along a shared edge, as a fraction of the cell size. It depends only
 * on the edge's grid position, so the two departments on either side of an edge get exactly the
 * same vertices (no slivers or overlaps, like a real topologically clean boundary file).
 */
function wobble(kind, i, j, k) {
  if (k === 0 || k === SEGMENTS) return 0; // grid nodes stay put
  const seed = ((kind === "h" ? 1 : 2) * 73856093) ^ (i * 19349663) ^ (j * 83492791) ^ (k * 2654435761);
  return (prng(seed)() - 0.5) * 0.12; // ±6 % of the cell: never reaches a neighbouring edge
}

/** Vertices of the horizontal grid edge at row line j between column lines i and i+1, west → east. */
function hEdge(i, j, cell) {
  const pts = [];
  for (let k = 0; k <= SEGMENTS; k++) {
    const x = cell.x0 + (i + k / SEGMENTS) * cell.w;
    const y = cell.y0 + j * cell.h + wobble("h", i, j, k) * cell.h;
    pts.push([r5(x), r5(y)]);
  }
  return pts;
}

/** Vertices of the vertical grid edge at column line i between row lines j and j+1, south → north. */
function vEdge(i, j, cell) {
  const pts = [];
  for (let k = 0; k <= SEGMENTS; k++) {
    const x = cell.x0 + i * cell.w + wobble("v", i, j, k) * cell.w;
    const y = cell.y0 + (j + k / SEGMENTS) * cell.h;
    pts.push([r5(x), r5(y)]);
  }
  return pts;
}

/** The closed outer ring of grid cell (i, j), counter-clockwise: south, east, north, west sides. */
function cellRing(i, j, cell) {
  const south = hEdge(i, j, cell);
  const east = vEdge(i + 1, j, cell);
  const north = hEdge(i, j + 1, cell).reverse();
  const west = vEdge(i, j, cell).reverse();
  const ring = [...south.slice(0, -1), ...east.slice(0, -1), ...north.slice(0, -1), ...west.slice(0, -1)];
  ring.push(ring[0]);
  return ring;
}

/** A lone square-ish island of `size` degrees centred on [lon, lat], with the same vertex count. */
function islandRing(lon, lat, size, rand) {
  const ring = [];
  const corners = [
    [lon - size / 2, lat - size / 2],
    [lon + size / 2, lat - size / 2],
    [lon + size / 2, lat + size / 2],
    [lon - size / 2, lat + size / 2],
  ];
  for (let side = 0; side < 4; side++) {
    const [ax, ay] = corners[side];
    const [bx, by] = corners[(side + 1) % 4];
    for (let k = 0; k < SEGMENTS; k++) {
      const t = k / SEGMENTS;
      const jitter = k === 0 ? 0 : (rand() - 0.5) * 0.1 * size;
      // Push the point outwards/inwards perpendicular to the side.
      const nx = by - ay === 0 ? 0 : Math.sign(by - ay);
      const ny = bx - ax === 0 ? 0 : -Math.sign(bx - ax);
      ring.push([r5(ax + (bx - ax) * t + nx * jitter), r5(ay + (by - ay) * t + ny * jitter)]);
    }
  }
  ring.push(ring[0]);
  return ring;
}

// Five invented overseas departments, placed where the real overseas regions are so that the
// insets look like the real map's; the shapes are plain squares.
const OVERSEAS = [
  { lon: -61.5, lat: 16.2, size: 0.5 },
  { lon: -61.0, lat: 14.6, size: 0.35 },
  { lon: -53.0, lat: 4.0, size: 2.5 },
  { lon: 55.5, lat: -21.1, size: 0.5 },
  { lon: 45.15, lat: -12.8, size: 0.25 },
];

export function makeStress(sample, { places = 2000 } = {}) {
  const rand = prng(101);
  const cell = {
    x0: FRANCE.lon[0],
    y0: FRANCE.lat[0],
    w: (FRANCE.lon[1] - FRANCE.lon[0]) / COLS,
    h: (FRANCE.lat[1] - FRANCE.lat[0]) / ROWS,
  };
  const regions = [];
  const interiors = []; // per region: a box well inside it where places can go
  let n = 0;
  // Overseas first, like INSEE's numbering (971…976), so the insets come first too.
  for (const o of OVERSEAS) {
    n++;
    regions.push(department(n, "overseas", islandRing(o.lon, o.lat, o.size, rand), [o.lon, o.lat]));
    interiors.push([o.lon - o.size * 0.3, o.lat - o.size * 0.3, o.lon + o.size * 0.3, o.lat + o.size * 0.3]);
  }
  for (let j = ROWS - 1; j >= 0; j--) {
    for (let i = 0; i < COLS; i++) {
      n++;
      const cx = cell.x0 + (i + 0.5) * cell.w;
      const cy = cell.y0 + (j + 0.5) * cell.h;
      regions.push(department(n, "metropolitan", cellRing(i, j, cell), [cx, cy]));
      // 15 % margin: the edge wobble (≤ 6 %) can never put a place outside its cell.
      interiors.push([cell.x0 + (i + 0.15) * cell.w, cell.y0 + (j + 0.15) * cell.h, cell.x0 + (i + 0.85) * cell.w, cell.y0 + (j + 0.85) * cell.h]);
    }
  }

  const placeList = [];
  for (let k = 0; k < places; k++) {
    const ri = k % regions.length;
    const [x0, y0, x1, y1] = interiors[ri];
    const category = CATEGORIES[k % CATEGORIES.length];
    placeList.push({
      id: `p${pad(k + 1, 4)}`,
      name: { fr: `Lieu fictif ${pad(k + 1, 4)}`, en: `Invented place ${pad(k + 1, 4)}` },
      category,
      region: regions[ri].id,
      town: `Ville fictive ${pad(ri + 1, 3)}`,
      point: { lon: r5(x0 + (x1 - x0) * rand()), lat: r5(y0 + (y1 - y0) * rand()), precision: "exact" },
      source: SOURCE_ID,
    });
  }

  const series = (id, fr, en, unit, perCapita, scale) => ({
    id,
    name: { fr, en },
    unit,
    per_capita: perCapita,
    values: regions.map((r) => ({ region: r.id, value: Math.round(scale * (0.2 + rand() * 1.8)), year: 2024, source: SOURCE_ID })),
  });

  return {
    format: 1,
    metadata: {
      title: { fr: "Jeu de test de charge (données inventées)", en: "Stress-test dataset (invented data)" },
      description: {
        fr: "101 départements fictifs sur une grille et 2 000 lieux inventés, pour mesurer la carte à grande échelle. Aucune donnée réelle.",
        en: "101 invented departments on a grid and 2,000 invented places, to measure the map at scale. No real data.",
      },
      publisher: "Health Regions Atlas benchmark",
      version: "bench-1",
      published: "2026-01-01",
      licence: { name: "CC0 1.0" },
      attribution: { fr: "Données inventées par bench/make-stress.mjs.", en: "Data invented by bench/make-stress.mjs." },
      languages: ["fr", "en"],
    },
    sources: [syntheticSource()],
    // The sample's projection, so the map is laid out like the real one.
    map: { ...sample.map, insets: regions.filter((r) => r.kind === "overseas").map((r) => ({ region: r.id })) },
    regions,
    indicators: [
      // "population" with unit "people" is the id the app uses for per-capita views.
      series("population", "Population (inventée)", "Population (invented)", "people", false, 600_000),
      series("jobs", "Emplois de santé (inventés)", "Health jobs (invented)", "jobs", true, 8_000),
      series("funding", "Financements (inventés)", "Funding (invented)", "eur", true, 40_000_000),
    ],
    places: placeList,
  };

  function department(num, kind, ring, [lon, lat]) {
    const id = `d${pad(num, 3)}`;
    return {
      id,
      name: { fr: `Département fictif ${pad(num, 3)}`, en: `Invented department ${pad(num, 3)}` },
      kind,
      capital: { name: `Ville fictive ${pad(num, 3)}`, point: [r5(lon), r5(lat)] },
      geometry: { type: "Polygon", coordinates: [ring] },
    };
  }
}

// ---------------------------------------------------------------------------------------------
// big.json: the sample grown to about 5 MB

const LOREM_FR =
  "Texte inventé pour le banc d'essai : ce lieu fictif illustre la taille d'un jeu de données réel, avec une description de plusieurs phrases, des chiffres et des sources. ";
const LOREM_EN =
  "Text invented for the benchmark: this fictitious place stands for the size of a real dataset, with a description of several sentences, figures and sources. ";

export function makeBig(sample, { targetBytes = 5_000_000 } = {}) {
  const rand = prng(5);
  const data = structuredClone(sample);
  data.metadata.title = { fr: `${sample.metadata.title.fr} (grossi à 5 Mo, ajouts inventés)`, en: `${sample.metadata.title.en} (grown to 5 MB, invented additions)` };
  data.metadata.version = `${sample.metadata.version}-bench5mb`;
  data.sources.push(syntheticSource());

  // Long indicator series: every sample region, 30 years, 24 invented indicators.
  for (let k = 1; k <= 24; k++) {
    const values = [];
    for (const region of sample.regions)
      for (let year = 1996; year <= 2025; year++)
        values.push({ region: region.id, value: Math.round(1000 + rand() * 99_000), year, source: SOURCE_ID });
    data.indicators.push({
      id: `bench_indicator_${pad(k, 2)}`,
      name: { fr: `Indicateur inventé ${pad(k, 2)}`, en: `Invented indicator ${pad(k, 2)}` },
      description: { fr: "Série inventée pour le banc d'essai.", en: "Series invented for the benchmark." },
      unit: "count",
      per_capita: true,
      values,
    });
  }

  // Places with descriptions and facts until the file reaches the target size. Points are drawn
  // inside the region's real outline so the markers land where they belong.
  const regions = sample.regions;
  let size = Buffer.byteLength(JSON.stringify(data));
  for (let k = 1; size < targetBytes; k++) {
    const region = regions[k % regions.length];
    const [lon, lat] = pointIn(region.geometry, rand);
    const facts = [];
    for (let f = 1; f <= 8; f++)
      facts.push({
        label: { fr: `Chiffre inventé ${f}`, en: `Invented figure ${f}` },
        value: Math.round(rand() * 10_000),
        unit: f % 2 ? "count" : "jobs",
        year: 2010 + (f % 15),
        source: SOURCE_ID,
      });
    const place = {
      id: `bench-place-${pad(k, 5)}`,
      name: { fr: `Lieu inventé ${pad(k, 5)}`, en: `Invented place ${pad(k, 5)}` },
      category: CATEGORIES[k % CATEGORIES.length],
      region: region.id,
      town: `Ville inventée ${pad(k % 97, 2)}`,
      point: { lon, lat, precision: "town" },
      description: { fr: LOREM_FR.repeat(3).trim(), en: LOREM_EN.repeat(3).trim() },
      facts,
      links: [{ url: `https://example.org/bench/${k}`, label: { fr: "Site inventé", en: "Invented site" } }],
      source: SOURCE_ID,
    };
    data.places.push(place);
    size += Buffer.byteLength(JSON.stringify(place)) + 1;
  }
  return data;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const out = path.resolve(arg("--out", path.join(repo, "bench/results/data")));
  const samplePath = path.resolve(arg("--sample", path.join(repo, "public/data/atlas.json")));
  const sample = JSON.parse(await readFile(samplePath, "utf8"));
  await mkdir(out, { recursive: true });
  const files = {
    "big.json": makeBig(sample, { targetBytes: Number(arg("--big-bytes", "5000000")) }),
    "stress.json": makeStress(sample),
  };
  for (const [name, data] of Object.entries(files)) {
    const text = JSON.stringify(data);
    await writeFile(path.join(out, name), text);
    console.log(
      `${path.relative(process.cwd(), path.join(out, name))}: ${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB, ` +
        `${data.regions.length} regions, ${data.places.length} places, ${data.indicators.length} indicators`,
    );
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await main();
}
