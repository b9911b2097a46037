import { colord, extend } from 'colord';
import mix from 'colord/plugins/mix';
import type { ColorRole, ThemeColor } from './settings.ts';

extend([mix]);

/** Secondary text (dates, counts, excerpts): 70% ink, 30% paper. */
export function mutedColor(colors: Record<ColorRole, ThemeColor>): ThemeColor {
  const mixed = (theme: 'light' | 'dark') => colord(colors.ink[theme]).mix(colors.paper[theme], 0.3).toHex();
  return { light: mixed('light'), dark: mixed('dark') };
}
