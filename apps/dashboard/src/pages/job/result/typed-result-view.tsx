import { IndicatorsView } from './indicators-view.js';
import { KeyValueView } from './key-value-view.js';
import { typedResult } from './result-shapes.js';
import { SampleReportView } from './sample-report-view.js';
import { SimilarDomainsView } from './similar-domains-view.js';

/** The result in the view of its type; types without one as keys and values. */
export function TypedResultView(props: { resultType: string | null; data: unknown }) {
  const result = typedResult(props.resultType, props.data);
  switch (result.kind) {
    case 'indicators':
      return <IndicatorsView result={result.data} />;
    case 'similar-domains':
      return <SimilarDomainsView result={result.data} />;
    case 'sample-report':
      return <SampleReportView report={result.data} />;
    case 'other':
      return <KeyValueView data={result.data} />;
  }
}
