/** Light/dark: follows the system unless the user picks one; applied as data-theme on <html>. */
export type ThemeChoice = 'system' | 'light' | 'dark';

export function applyTheme(choice: ThemeChoice): void {
  const dark = choice === 'dark' || (choice === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}
