import { useLayoutEffect } from 'react';
import { useSession } from './stores';

/**
 * Mirrors the session's theme onto <html data-theme>, where the CSS variables switch.
 * A layout effect, so components reading the variables in their effects see the new theme.
 */
export function useTheme(): void {
  const theme = useSession((s) => s.theme);
  useLayoutEffect(() => {
    document.documentElement.dataset['theme'] = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);
}
