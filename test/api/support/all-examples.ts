/**
 * Imports every module's endpoint examples so they register themselves. Each capability adds
 * one line here for its test/api/<capability>/examples.ts.
 */
import '../budgets/examples';
import '../flexible/examples';
import '../cases/examples';
import '../steering/examples';
import '../audit/examples';
import '../wirkung/examples';
import '../finanzverfahren/examples';

export { endpointExamples, createExampleApi } from './endpoint-examples';
