/**
 * Progress of long work, apart from the rest of the kit so a script can load
 * it alone (`@cmb/kit/dist/progress`): the sink, the CLIs' createProgress, the
 * board of parallel workers, and the line format.
 */
export * from './progress-sink';
export * from './progress-format';
export * from './line-progress';
export * from './progress-events';
export * from './bar-display';
export * from './create-progress';
export * from './progress-board';
export * from '../config/progress-config';
