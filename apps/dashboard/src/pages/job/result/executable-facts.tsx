import type { ElfFacts, PeFacts } from '@jobs/contracts';

type Facts = { format: 'ELF'; facts: ElfFacts } | { format: 'PE'; facts: PeFacts };

/** An ELF or PE file's header facts, its sections and what did not add up. */
export function ExecutableFacts(props: Facts) {
  const { facts } = props;
  return (
    <>
      <h3>{props.format} header</h3>
      <dl class="field-list">
        <dt>Bits</dt>
        <dd>{facts.bits}</dd>
        <dt>Machine</dt>
        <dd>{facts.machine}</dd>
        {props.format === 'ELF' ? (
          <>
            <dt>Type</dt>
            <dd>{props.facts.type}</dd>
            <dt>Byte order</dt>
            <dd>{props.facts.endianness}-endian</dd>
          </>
        ) : (
          <>
            <dt>Kind</dt>
            <dd>{props.facts.isDll ? 'DLL' : 'Executable'}</dd>
            <dt>Subsystem</dt>
            <dd>{props.facts.subsystem}</dd>
            <dt>Image base</dt>
            <dd>
              <code>{props.facts.imageBase}</code>
            </dd>
            <dt>Linked</dt>
            <dd>{props.facts.timestamp}</dd>
          </>
        )}
        <dt>Entry point</dt>
        <dd>
          <code>{facts.entryPoint}</code>
        </dd>
      </dl>
      {facts.warnings.length > 0 ? (
        <div class="notice" role="note">
          <strong>Warnings</strong>
          <ul>
            {facts.warnings.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <h4>Sections</h4>
      {facts.sections.length === 0 ? (
        <p class="muted">No sections.</p>
      ) : (
        <div class="table-scroll">
          <table class="sections-table">
            <caption class="visually-hidden">{props.format} sections</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Size (bytes)</th>
                <th scope="col">File offset</th>
                <th scope="col">Address</th>
              </tr>
            </thead>
            <tbody>
              {facts.sections.map((section, index) => (
                <tr key={index}>
                  <td>{section.name === '' ? <span class="muted">(no name)</span> : section.name}</td>
                  <td class="number">{section.size.toLocaleString('en')}</td>
                  <td class="number">{section.offset.toLocaleString('en')}</td>
                  <td>
                    <code>{section.address}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
