import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { restoreSession, startAutosave } from './state/persist';
import { openSharedLink } from './state/share';
import { openExampleParam } from './state/exampleParam';

const root = document.getElementById('root');
if (!root) throw new Error('#root element missing from index.html');

// Before the first render, so StrictMode's double effects cannot restore twice.
openSharedLink(); // first: a #doc= link opens in a session of its own, so the restore puts nothing over it
const { restored } = restoreSession();
openExampleParam(restored);
startAutosave();

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
