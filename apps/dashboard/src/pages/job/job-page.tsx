export function JobPage() {
  return (
    <section>
      <h1>JobPage</h1>
    </section>
  );
}
