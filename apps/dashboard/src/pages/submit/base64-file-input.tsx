import { useState } from 'preact/hooks';

/** Fills a base64 field from a file the user picks; the bytes stay in the browser until the job is submitted. */
export function Base64FileInput(props: { label: string; onLoad(base64: string): void }) {
  const [loaded, setLoaded] = useState<string | null>(null);

  const load = (file: File | undefined) => {
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => {
      const dataUrl = typeof reader.result === 'string' ? reader.result : '';
      props.onLoad(dataUrl.slice(dataUrl.indexOf(',') + 1));
      setLoaded(`${file.name}: ${file.size.toLocaleString('en-US')} bytes`);
    };
    reader.onerror = () => setLoaded(`${file.name} could not be read`);
    reader.readAsDataURL(file);
  };

  return (
    <div class="file-load">
      <label>
        Load {props.label} from a file <input type="file" onChange={(event) => load(event.currentTarget.files?.[0])} />
      </label>
      {loaded ? (
        <span class="muted" role="status">
          {loaded}
        </span>
      ) : null}
    </div>
  );
}
