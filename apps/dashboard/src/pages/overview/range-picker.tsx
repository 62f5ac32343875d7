import { useLocation } from 'preact-iso';
import { DEFAULT_RANGE, type Range, RANGE_SPECS, RANGES } from './range.js';

/** The charts' range as radio buttons; the choice goes in the URL (`?range=`), beside the view. */
export function RangePicker(props: { range: Range }) {
  const location = useLocation();
  const choose = (range: Range) => {
    const params = new URLSearchParams(location.query);
    if (range === DEFAULT_RANGE) params.delete('range');
    else params.set('range', range);
    const search = params.toString();
    location.route(`${location.path}${search ? `?${search}` : ''}`);
  };
  return (
    <fieldset class="range-picker">
      <legend>Range</legend>
      {RANGES.map((range) => (
        <label key={range} class="check">
          <input type="radio" name="range" value={range} checked={props.range === range} onChange={() => choose(range)} />
          {RANGE_SPECS[range].label}
        </label>
      ))}
    </fieldset>
  );
}
