// Distances on the earth for "who may have filmed this": a cheap bounding box for the index,
// then the exact great-circle distance.

const EARTH_RADIUS_M = 6_371_008.8; // mean radius (IUGG)
const rad = (d: number) => (d * Math.PI) / 180;

/** Haversine distance in metres. */
export function distanceMeters(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * A box that contains every point within `radius` of the centre (a superset: the exact check
 * follows). Widened slightly so floating-point rounding never drops a point on the boundary.
 */
export function boundingBox(lat: number, lon: number, radius: number) {
  const margin = 1.001;
  const dLat = ((radius * margin) / EARTH_RADIUS_M) * (180 / Math.PI) + 1e-9;
  // the widest longitude span is at the box's edge nearest the pole
  const edgeLat = Math.min(89.999, Math.abs(lat) + dLat);
  const dLon = Math.min(180, dLat / Math.cos(rad(edgeLat)));
  return { minLat: lat - dLat, maxLat: lat + dLat, minLon: lon - dLon, maxLon: lon + dLon };
}
