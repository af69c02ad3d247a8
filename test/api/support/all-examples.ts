/**
 * Imports every module's endpoint examples so they register themselves. Each capability adds
 * one line here for its test/api/<capability>/examples.ts.
 */
export { endpointExamples, createExampleApi } from './endpoint-examples';
