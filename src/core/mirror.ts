/** Moved to src/core/jobs/mirror; kept for the views and the store until they import it there. */
export * from './jobs/mirror';
