/** Lessons mode, for the app shell to mount (see the lead's wiring notes in the lessons issue). */
export { LessonsPanel } from './LessonsPanel';
export { Glossary } from './Glossary';
export { LessonsToggle } from './LessonsToggle';
export { closeGlossary, openGlossary, setLessonsOpen, toggleLessons, useLessons } from './lessonStore';
