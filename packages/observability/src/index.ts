export * from './metrics.js';
export * from './logger.js';
export * from './tracing.js';
export * from './request-id.js';
export * from './postgres.js';
