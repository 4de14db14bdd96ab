// PLACEHOLDER: the real editor replaces this component.
export function App() {
  return (
    <main>
      <h1>Strata</h1>
    </main>
  );
}
