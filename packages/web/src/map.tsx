// A Leaflet map that works offline: the tile URL is configuration (none: the map shows points on
// a plain background and fetches nothing). Points are also always given as a list beside the map.
import { useEffect, useRef } from 'preact/hooks';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { appConfig } from './session';
import { L as tr } from './i18n';

export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  label: string;
  color: string;
}

export const STATUS_COLOR: Record<string, string> = {
  ACTIVE: '#1a7f37',
  MAINTENANCE: '#9a6700',
  OFFLINE: '#cf222e',
  DECOMMISSIONED: '#57606a',
};
export const NEUTRAL = '#0550ae';

export function MapView({
  points,
  label,
  onPick,
  picked,
}: {
  points: MapPoint[];
  label: string;
  onPick?: (lat: number, lon: number) => void;
  picked?: [number, number] | null;
}) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const pickLayer = useRef<L.LayerGroup | null>(null);
  const fitted = useRef(false);

  useEffect(() => {
    if (!el.current) return;
    const m = L.map(el.current, { zoomControl: true, attributionControl: true, keyboard: true }).setView(
      [52.09, 5.12],
      12,
    );
    const cfg = appConfig();
    if (cfg.tileUrl) L.tileLayer(cfg.tileUrl, { attribution: cfg.tileAttribution ?? '', maxZoom: 19 }).addTo(m);
    layer.current = L.layerGroup().addTo(m);
    pickLayer.current = L.layerGroup().addTo(m);
    map.current = m;
    return () => m.remove();
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m || !onPick) return;
    const h = (e: L.LeafletMouseEvent) => onPick(e.latlng.lat, e.latlng.lng);
    m.on('click', h);
    return () => void m.off('click', h);
  }, [onPick]);

  useEffect(() => {
    const g = layer.current;
    if (!g || !map.current) return;
    g.clearLayers();
    for (const p of points) {
      L.circleMarker([p.lat, p.lon], { radius: 7, color: '#1f2328', weight: 1, fillColor: p.color, fillOpacity: 0.9 })
        .bindTooltip(p.label)
        .addTo(g);
    }
    if (!fitted.current && points.length) {
      map.current.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lon] as [number, number])), {
        padding: [20, 20],
        maxZoom: 15,
      });
      fitted.current = true;
    }
  }, [points]);

  useEffect(() => {
    const g = pickLayer.current;
    if (!g) return;
    g.clearLayers();
    if (picked) L.circleMarker(picked, { radius: 10, color: '#8250df', weight: 3, fillOpacity: 0.1 }).addTo(g);
  }, [picked]);

  return (
    <div
      class="map"
      ref={el}
      role="region"
      aria-label={`${label}${onPick ? ` — ${tr('klik om een punt te kiezen', 'click to pick a point')}` : ''}`}
    />
  );
}
