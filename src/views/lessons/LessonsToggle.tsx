/** The toolbar button that turns lessons mode on and off (the lead places it in the Toolbar). */
import { toggleLessons, useLessons } from './lessonStore';

export function LessonsToggle() {
  const open = useLessons((s) => s.open);
  return (
    <button type="button" className="lessons-toggle" aria-pressed={open} onClick={toggleLessons} title={open ? 'Close the lessons and show the inspector' : 'Lessons: learn backing chains and quorums step by step'}>
      Lessons
    </button>
  );
}
