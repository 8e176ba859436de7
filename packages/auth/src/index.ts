export * from './actor.js';
export * from './policy.js';
export * from './sql.js';
export * from './jwt.js';
export * from './demo.js';
