export * from './contracts/fields';
export * from './contracts/org-units';
export * from './contracts/plan-items';
export * from './contracts/plans';
export * from './enums';
export * from './limits';
export * from './problem';
export * from './vietnamese';
