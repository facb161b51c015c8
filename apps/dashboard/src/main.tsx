import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { DashboardController } from './controller/dashboard-controller';
import { DashboardContext } from './hooks/dashboard-context';
import { DashboardStore } from './state/dashboard-store';
import './styles/index.css';

const store = new DashboardStore();
const controller = new DashboardController(store);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <DashboardContext.Provider value={{ store, controller }}>
      <App />
    </DashboardContext.Provider>
  </StrictMode>,
);
