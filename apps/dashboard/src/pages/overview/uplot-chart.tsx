import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { type ChartTheme, readChartTheme } from './chart-theme.js';
import { useColorScheme } from './use-color-scheme.js';

export type ChartOptions = (theme: ChartTheme) => Omit<uPlot.Options, 'width' | 'height'>;

/**
 * A uPlot chart as wide as its container. It is drawn again from `options` when they or the colour
 * scheme change (the theme is read from the CSS variables), and given new data in place otherwise.
 * Hidden from assistive technology: each chart's figure says the same in text and a table.
 */
export function UplotChart(props: { options: ChartOptions; data: uPlot.AlignedData; height: number }) {
  const { options, data, height } = props;
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latestData = useRef(data);
  latestData.current = data;
  const scheme = useColorScheme();

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const plot = new uPlot({ ...options(readChartTheme(element)), width: element.clientWidth, height }, latestData.current, element);
    chart.current = plot;
    const resize = new ResizeObserver(() => {
      if (element.clientWidth !== plot.width) plot.setSize({ width: element.clientWidth, height });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
      chart.current = null;
    };
  }, [options, scheme, height]);

  useEffect(() => {
    if (chart.current && chart.current.data !== data) chart.current.setData(data);
  }, [data]);

  return <div class="chart-canvas" ref={container} aria-hidden="true" />;
}
