import type { ComponentChildren } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';

export interface Tab {
  id: string;
  label: string;
  /** Rendered only while the tab is selected: a raw view of a large result costs nothing until asked for. */
  render(): ComponentChildren;
}

const KEY_MOVES: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (index, count) => (index + 1) % count,
  ArrowLeft: (index, count) => (index - 1 + count) % count,
  Home: () => 0,
  End: (_index, count) => count - 1,
};

/** Tabs as the WAI-ARIA pattern has them: one tab stop, arrow keys, Home and End move and select. */
export function Tabs(props: { label: string; tabs: Tab[] }) {
  const { tabs } = props;
  const prefix = useId();
  const [selectedId, setSelectedId] = useState(tabs[0]?.id ?? '');
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const selectedIndex = Math.max(0, tabs.findIndex((tab) => tab.id === selectedId));
  const selected = tabs[selectedIndex];

  const onKeyDown = (event: KeyboardEvent) => {
    const move = KEY_MOVES[event.key];
    if (!move) return;
    event.preventDefault();
    const next = move(selectedIndex, tabs.length);
    const tab = tabs[next];
    if (!tab) return;
    setSelectedId(tab.id);
    buttons.current[next]?.focus();
  };

  return (
    <div class="tabs">
      <div role="tablist" aria-label={props.label} class="tab-list" onKeyDown={onKeyDown}>
        {tabs.map((tab, index) => (
          <button
            key={tab.id}
            ref={(element) => {
              buttons.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`${prefix}-tab-${tab.id}`}
            aria-controls={`${prefix}-panel-${tab.id}`}
            aria-selected={index === selectedIndex}
            tabIndex={index === selectedIndex ? 0 : -1}
            class="tab"
            onClick={() => setSelectedId(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {selected ? (
        <div role="tabpanel" id={`${prefix}-panel-${selected.id}`} aria-labelledby={`${prefix}-tab-${selected.id}`} tabIndex={0} class="tab-panel">
          {selected.render()}
        </div>
      ) : null}
    </div>
  );
}
