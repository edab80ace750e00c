// Light or dark: the page's data-theme attribute, remembered in this browser, first taken from
// the system's preference.
const THEME_KEY = 'theme';

export type Theme = 'light' | 'dark';

export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

/** At start-up: the remembered theme, else the system's. */
export function applyStartTheme(): void {
  document.documentElement.dataset.theme =
    localStorage.getItem(THEME_KEY) ??
    (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
}

/** Switches to the other theme and remembers it; returns the new one. */
export function switchTheme(): Theme {
  const next: Theme = currentTheme() === 'dark' ? 'light' : 'dark';
  document.documentElement.dataset.theme = next;
  localStorage.setItem(THEME_KEY, next);
  return next;
}
