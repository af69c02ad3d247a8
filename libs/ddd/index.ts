export * from './decider';
export * from './domain-error';
export * from './command-context';
export * from './aggregate-store';
export * from './deterministic-id';
export * from './system-context';
