import { useEffect, useRef, useState } from 'preact/hooks';
import { ProblemMessage } from '../../../components/problem-message.js';
import { entropySeries, entropySummary, HIGH_ENTROPY_BITS } from './entropy.js';
import type { EntropyPlot } from './entropy-plot.js';

/** Entropy per block as a chart (uPlot, loaded with its first use), summed up in words beside it for readers who cannot see it. */
export function EntropyChart(props: { blockEntropy: number[]; blockSize: number }) {
  const { blockEntropy, blockSize } = props;
  const container = useRef<HTMLDivElement>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const summary = entropySummary(blockEntropy);

  useEffect(() => {
    const element = container.current;
    if (!element || blockEntropy.length === 0) return;
    let plot: EntropyPlot | null = null;
    let observer: ResizeObserver | null = null;
    let frame = 0;
    let stopped = false;
    import('./entropy-plot.js').then(
      ({ drawEntropyPlot }) => {
        if (stopped) return;
        let width = element.clientWidth;
        plot = drawEntropyPlot(element, entropySeries(blockEntropy, blockSize), width);
        // Resized in the next frame, so that the chart's own size change never re-enters the observer.
        observer = new ResizeObserver(() => {
          cancelAnimationFrame(frame);
          frame = requestAnimationFrame(() => {
            if (element.clientWidth !== width) plot?.resize((width = element.clientWidth));
          });
        });
        observer.observe(element);
      },
      (error: unknown) => setLoadError(error),
    );
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      observer?.disconnect();
      plot?.destroy();
    };
  }, [blockEntropy, blockSize]);

  if (!summary) return <p class="muted">An empty sample has no blocks.</p>;
  const description =
    `Entropy of ${summary.blocks} block${summary.blocks === 1 ? '' : 's'} of ${blockSize / 1024} KiB: from ${summary.min.toFixed(2)} to ${summary.max.toFixed(2)} bits per byte, ` +
    `${summary.mean.toFixed(2)} on average; ${summary.high} above ${HIGH_ENTROPY_BITS} (likely compressed or encrypted).`;
  return (
    <figure class="entropy-chart-figure">
      <div ref={container} class="entropy-chart" role="img" aria-label={description} />
      <figcaption class="hint">{description}</figcaption>
      <ProblemMessage error={loadError} prefix="Could not load the chart:" />
    </figure>
  );
}
