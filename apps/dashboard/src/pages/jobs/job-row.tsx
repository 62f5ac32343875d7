import type { JobSummary } from '@jobs/contracts';
import { FlexRender, type Row } from '@tanstack/preact-table';
import { Component } from 'preact';
import type { jobsTableFeatures } from './jobs-columns.js';

interface JobRowProps {
  row: Row<typeof jobsTableFeatures, JobSummary>;
  selected: boolean;
  /** The columns in use: another set draws the row again. */
  columns: unknown;
}

/**
 * One job's row, drawn again only when its job changed (a new object: live updates replace just the
 * rows they change), its selection did, or the columns did — so 100 rows updating live cost only the
 * rows that moved.
 */
export class JobRow extends Component<JobRowProps> {
  override shouldComponentUpdate(next: JobRowProps): boolean {
    return next.row.original !== this.props.row.original || next.selected !== this.props.selected || next.columns !== this.props.columns;
  }

  override render() {
    const { row, selected } = this.props;
    return (
      <tr data-job-id={row.id} data-status={row.original.status} class={selected ? 'selected' : undefined}>
        {row.getAllCells().map((cell) => (
          <td key={cell.id} class={`cell-${cell.column.id}`}>
            <FlexRender cell={cell} />
          </td>
        ))}
      </tr>
    );
  }
}
