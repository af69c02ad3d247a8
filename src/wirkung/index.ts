/** The face of Wirkung (R12): the module; its domain decides in ./domain. */
export { WirkungModule } from './wirkung.module';
