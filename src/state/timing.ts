/** How long typing rests before it is applied (the XML pane; the bench subtracts it). */
export const APPLY_IDLE_MS = 250;
