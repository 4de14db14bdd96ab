/** A drag handle that resizes a pane; also keyboard-resizable (arrow keys) for accessibility. */
import { useRef } from 'react';

export function Splitter({
  orientation,
  value,
  onChange,
  min,
  max,
  invert = false,
  label,
  className = '',
}: {
  orientation: 'vertical' | 'horizontal';
  value: number;
  onChange: (v: number) => void;
  min: number;
  max: number;
  /** True when dragging toward the end makes the pane smaller (pane is after the splitter). */
  invert?: boolean;
  label: string;
  className?: string;
}) {
  const start = useRef<{ pos: number; value: number } | null>(null);
  const clamp = (v: number) => Math.max(min, Math.min(max, v));
  const axis = (e: { clientX: number; clientY: number }) => (orientation === 'vertical' ? e.clientX : e.clientY);
  return (
    <div
      className={`splitter splitter-${orientation} ${className}`}
      role="separator"
      aria-orientation={orientation}
      aria-label={label}
      aria-valuenow={Math.round(value)}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={(e) => {
        (e.target as HTMLElement).setPointerCapture(e.pointerId);
        start.current = { pos: axis(e), value };
      }}
      onPointerMove={(e) => {
        if (!start.current) return;
        const delta = axis(e) - start.current.pos;
        onChange(clamp(start.current.value + (invert ? -delta : delta)));
      }}
      onPointerUp={() => (start.current = null)}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 60 : 20;
        const grow = orientation === 'vertical' ? 'ArrowRight' : 'ArrowDown';
        const shrink = orientation === 'vertical' ? 'ArrowLeft' : 'ArrowUp';
        if (e.key === grow) onChange(clamp(value + (invert ? -step : step)));
        if (e.key === shrink) onChange(clamp(value + (invert ? step : -step)));
      }}
    />
  );
}
