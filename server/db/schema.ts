/** Every table, for drizzle's relational queries. Each module owns its tables.ts. */
export * from '../modules/audit/tables';
export * from '../modules/data-values/tables';
export * from '../modules/documents/tables';
export * from '../modules/identity/tables';
export * from '../modules/indicators/tables';
export * from '../modules/jobs/tables';
export * from '../modules/notifications/tables';
export * from '../modules/org-units/tables';
export * from '../modules/plan-items/tables';
export * from '../modules/plans/tables';
export * from '../modules/programmes/tables';
export * from '../modules/publishing/tables';
export * from '../modules/reports/tables';
export * from '../modules/rounds/tables';
export * from '../modules/scorecards/tables';
export * from '../modules/search-synonyms/tables';
export * from '../modules/synthesis/tables';
