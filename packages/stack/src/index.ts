export * from './stack.js';
export * from './compose.js';
export * from './subgraphs.js';
export { seedHistory, type HistoryResult, type HistoryTarget } from './seed-history.js';
