import { createContext, useContext, useSyncExternalStore } from 'react';
import type { DashboardController } from '../controller/dashboard-controller';
import type { DashboardState, DashboardStore } from '../state/dashboard-store';

export interface DashboardServices {
  store: DashboardStore;
  controller: DashboardController;
}

export const DashboardContext = createContext<DashboardServices | null>(null);

export function useDashboardServices(): DashboardServices {
  const services = useContext(DashboardContext);
  if (!services) throw new Error('useDashboardServices must be used inside <DashboardContext.Provider>');
  return services;
}

export function useDashboardState(): DashboardState {
  const { store } = useDashboardServices();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
