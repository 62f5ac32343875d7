export function SubmitPage() {
  return (
    <section>
      <h1>SubmitPage</h1>
    </section>
  );
}
