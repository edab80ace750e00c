// The world the map draws: Natural Earth countries at 1:110m (world-atlas) and their
// projection (d3-geo). Loaded when the map is first opened (map.ts imports it lazily): the
// shapes and the geometry code are too large to send with every page.
import { geoCentroid, geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';

export type Country = Feature<Geometry, { name: string }>;

export const WIDTH = 960;
export const HEIGHT = 440;

const topology = world as unknown as Topology<{
  countries: GeometryCollection<{ name: string }>;
}>;

/** Every country but Antarctica, by its ISO 3166 numeric code in `id`. */
export const countries = (
  feature(topology, topology.objects.countries) as unknown as FeatureCollection<
    Geometry,
    { name: string }
  >
).features.filter((f) => f.properties.name !== 'Antarctica') as Country[];

const projection = geoNaturalEarth1().fitSize([WIDTH, HEIGHT], {
  type: 'FeatureCollection',
  features: countries,
});

/** SVG path data for a country or a line, in the map's coordinates. */
export const path = geoPath(projection);

export const byNumeric = new Map(countries.map((c) => [String(c.id), c]));

/** The path of an arc between two countries' centres. */
export const arc = (a: Country, b: Country): string =>
  path({ type: 'LineString', coordinates: [geoCentroid(a), geoCentroid(b)] }) ?? '';
