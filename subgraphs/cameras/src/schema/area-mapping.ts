import type { areaTable, decisionTable, evaluationTable } from '../db/schema.js';
import type { CameraArea, DesignationDecision, Evaluation } from './types.js';

export const toArea = (r: typeof areaTable.$inferSelect): CameraArea => ({ ...r });
export const toDecision = (r: typeof decisionTable.$inferSelect): DesignationDecision => ({ ...r });
export const toEvaluation = (r: typeof evaluationTable.$inferSelect): Evaluation => ({ ...r });
