import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { HIGH_ENTROPY_BITS } from './entropy.js';

export interface EntropyPlot {
  resize(width: number): void;
  destroy(): void;
}

const HEIGHT = 220;

/**
 * Draws entropy per block with uPlot: loaded only when a sample report is shown, so neither the
 * first page load nor the job page pays for the chart library otherwise. Colours come from the
 * page's CSS variables, so the chart follows the light or dark scheme.
 */
export function drawEntropyPlot(container: HTMLElement, data: [number[], number[]], width: number): EntropyPlot {
  const style = getComputedStyle(container);
  const color = (name: string) => style.getPropertyValue(name).trim();
  const axis = { stroke: color('--muted'), grid: { stroke: color('--border'), width: 1 }, ticks: { stroke: color('--border'), width: 1 } };
  const threshold = data[0].map(() => HIGH_ENTROPY_BITS);
  const plot = new uPlot(
    {
      width,
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, y: { range: [0, 8] } },
      series: [
        { label: 'Offset (KiB)' },
        { label: 'Entropy (bits per byte)', stroke: color('--accent'), width: 1.5, paths: uPlot.paths.stepped?.({ align: 1 }) },
        { label: `High (${HIGH_ENTROPY_BITS})`, stroke: color('--danger'), width: 1, dash: [4, 4], points: { show: false } },
      ],
      axes: [
        { ...axis, label: 'Offset (KiB)' },
        { ...axis, label: 'Bits per byte', size: 50 },
      ],
    },
    [data[0], data[1], threshold],
    container,
  );
  return { resize: (next) => plot.setSize({ width: next, height: HEIGHT }), destroy: () => plot.destroy() };
}
