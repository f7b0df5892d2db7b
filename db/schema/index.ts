// All tables, for drizzle's schema-aware client and drizzle-kit.
export * from './accounts';
export * from './catalog';
export * from './dossiers';
export * from './forms';
export * from './privacy';
export * from './review';
export * from './scanner';
export * from './storage';
export * from './sync';
