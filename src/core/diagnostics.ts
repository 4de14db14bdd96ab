/** Moved to src/core/model/diagnostics; kept for the views and the store until they import it there. */
export * from './model/diagnostics';
