import type { SampleReport } from '@jobs/contracts';
import { EntropyChart } from './entropy-chart.js';
import { ExecutableFacts } from './executable-facts.js';
import { SampleStrings } from './sample-strings.js';

/** `sample-report`: the file's identity (hashes, type, size), its executable headers and sections, entropy per block and strings. */
export function SampleReportView(props: { report: SampleReport }) {
  const { report } = props;
  return (
    <div class="typed-result sample-report">
      <h3>File</h3>
      <dl class="field-list">
        <dt>Name</dt>
        <dd class="wrap">{report.filename ?? <span class="muted">not given</span>}</dd>
        <dt>Size</dt>
        <dd>{report.size.toLocaleString('en')} bytes</dd>
        <dt>File type</dt>
        <dd>
          {report.fileType.description} <span class="muted">({report.fileType.kind}, {report.fileType.mime})</span>
        </dd>
        <dt>Entropy</dt>
        <dd>{report.entropy.toFixed(3)} bits per byte</dd>
      </dl>
      <h3>Hashes</h3>
      <dl class="field-list hashes">
        <dt>MD5</dt>
        <dd>
          <code class="wrap">{report.md5}</code>
        </dd>
        <dt>SHA-1</dt>
        <dd>
          <code class="wrap">{report.sha1}</code>
        </dd>
        <dt>SHA-256</dt>
        <dd>
          <code class="wrap">{report.sha256}</code>
        </dd>
      </dl>
      {report.elf ? <ExecutableFacts format="ELF" facts={report.elf} /> : null}
      {report.pe ? <ExecutableFacts format="PE" facts={report.pe} /> : null}
      <h3>Entropy per block</h3>
      <EntropyChart blockEntropy={report.blockEntropy} blockSize={report.blockSize} />
      <h3>Strings</h3>
      <SampleStrings strings={report.strings} />
    </div>
  );
}
