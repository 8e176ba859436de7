// Seeds the demo city (The Hague, Almere, Utrecht, Antwerp from the seed documents) idempotently:
// rows that exist are left alone, so restarting `npm start` never duplicates or overwrites.
import type { Database } from '@hub/db';
import type { Events } from '@hub/events';
import { registered } from '../db/cameras.js';
import { CAMERA_REGISTERED, MUNICIPALITY_REGISTERED } from '../schema/topics.js';
import {
  areaTable,
  cameraTable,
  councilApprovalTable,
  decisionTable,
  municipalityTable,
  type WatchScheduleJson,
} from '../db/schema.js';
import { areas, cameras, councilApprovals, municipalities } from './demo-city.data.js';

function schedule(text: string): WatchScheduleJson {
  const continuous = /24\s*h|24\/7|7 days a week|around the clock|continuous/i.test(text);
  return { description: text, continuous, windows: [] };
}

export async function seedDemoCity(database: Database, events: Events): Promise<{ cameras: number; areas: number }> {
  await database.db.transaction(async (tx) => {
    const newMunicipalities = await tx
      .insert(municipalityTable)
      .values(municipalities.map((m) => ({ ...m })))
      .onConflictDoNothing()
      .returning();
    for (const m of newMunicipalities) await events.publish(tx, MUNICIPALITY_REGISTERED, m);
    await tx
      .insert(areaTable)
      .values(
        areas.map((a) => ({
          id: a.id,
          municipality: a.municipality,
          name: a.name,
          kind: a.kind,
          description: a.description,
          watchSchedule: schedule(a.watchSchedule),
        })),
      )
      .onConflictDoNothing();
    await tx
      .insert(decisionTable)
      .values(
        areas.map((a) => ({
          id: `${a.id}-decision`,
          areaId: a.id,
          municipality: a.municipality,
          reference: `${a.municipality}/${a.id}/${a.decision.validFrom.slice(0, 4)}`,
          legalBasis: a.decision.legalBasis,
          validFrom: new Date(a.decision.validFrom),
          validUntil: new Date(a.decision.validUntil),
          subGoals: [...a.decision.subGoals],
          signagePlaced: a.decision.signagePlaced,
          residentsInformed: a.decision.residentsInformed,
          published: a.decision.published,
          decidedBy: 'demo-seed',
          // the weighing of 003 §4.2, in the demo summarised from the area's description
          criteria: {
            societalNeed: a.description,
            proportionality: 'Cameras only where incidents concentrate, for the decision period (003 §4.2)',
            subsidiarity: 'Extra supervision and physical measures alone did not suffice (003 §4.2)',
            measuresPackage: 'Part of the area approach with police, enforcement and youth work (003 §4.2)',
          },
          effectMeasurement: 'Registered incidents and resident survey per half year (003 §4.3)',
        })),
      )
      .onConflictDoNothing();
    const inserted = await tx
      .insert(cameraTable)
      .values(
        cameras.map((c) => ({
          id: c.id,
          name: c.name,
          kind: c.kind,
          covert: c.covert,
          latitude: c.lat,
          longitude: c.lon,
          street: c.street,
          municipality: c.municipality,
          areaId: c.areaId,
          status: c.status,
          privacyMasks: c.privacyMasks.map((m) => ({
            label: m.label,
            polygon: m.polygon.map(([la, lo]) => [la, lo] as [number, number]),
          })),
          operator: c.operator ?? 'POLICE',
        })),
      )
      .onConflictDoNothing()
      .returning();
    await tx
      .insert(councilApprovalTable)
      .values(
        councilApprovals.map((a) => ({
          ...a,
          decidedAt: new Date(a.decidedAt),
          recordedBy: 'demo-seed',
          recordedAt: new Date(a.decidedAt),
        })),
      )
      .onConflictDoNothing();
    // announced like any registration, so other subgraphs' replicas know the demo cameras
    for (const row of inserted) await events.publish(tx, CAMERA_REGISTERED, registered(row));
  });
  return { cameras: cameras.length, areas: areas.length };
}
