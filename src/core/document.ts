/** Moved to src/core/io/document; kept for the views and the store until they import it there. */
export * from './io/document';
