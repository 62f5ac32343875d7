import type uPlot from 'uplot';

/** The page's colours as the charts draw them: read from the CSS variables at runtime, so both schemes apply. */
export interface ChartTheme {
  text: string;
  grid: string;
  font: string;
  /** A CSS variable's value, e.g. `color('--ok')`. */
  color(variable: string): string;
}

export function readChartTheme(element: Element): ChartTheme {
  const style = getComputedStyle(element);
  const color = (variable: string) => style.getPropertyValue(variable).trim();
  return { text: color('--muted'), grid: color('--border'), font: `12px ${style.fontFamily}`, color };
}

/** An axis in the theme's colours. */
export function themedAxis(theme: ChartTheme, axis: uPlot.Axis = {}): uPlot.Axis {
  return {
    stroke: theme.text,
    font: theme.font,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid, width: 1 },
    ...axis,
  };
}

/** Tick steps for counts: whole numbers only. */
export const COUNT_INCREMENTS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 1_000_000, 10_000_000];
