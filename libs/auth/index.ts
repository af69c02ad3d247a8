export * from './principal';
export * from './dev-signing-key';
export * from './token-verifier';
export * from './role-matrix';
export * from './public.decorator';
export * from './auth.guard';
export * from './request-context.decorator';
export * from './unauthenticated-limiter';
