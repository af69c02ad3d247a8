/** The face of the Finanzverfahren interface: the module; its decisions are in ./domain. */
export { FinanzverfahrenModule } from './finanzverfahren.module';
