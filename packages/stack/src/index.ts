export * from './stack.js';
export * from './compose.js';
export * from './subgraphs.js';
export * from './migrate.js';
