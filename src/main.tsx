import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { restoreSession, startAutosave } from './state/persist';

const root = document.getElementById('root');
if (!root) throw new Error('#root element missing from index.html');

// Before the first render, so StrictMode's double effects cannot restore twice.
restoreSession();
startAutosave();

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
