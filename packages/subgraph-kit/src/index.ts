import 'reflect-metadata';
export * from './context.js';
export * from './errors.js';
export * from './guard.js';
export * from './pagination.js';
export * from './server.js';
export * from './batch.js';
export * from './schedule.js';
export * from './stream.js';
