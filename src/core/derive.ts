/** Moved to src/core/numbers/derive; kept for the views and the store until they import it there. */
export * from './numbers/derive';
