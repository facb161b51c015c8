import { describe, expect, it } from 'vitest';
import { loadScaleOutSettings } from '../../apps/server/src/scale-out/scale-out-settings';
import { environmentOf, loadComposeFile, service, testEnvironment } from './compose-files';

const scale = () => loadComposeFile('docker-compose.scale.yml', { ...testEnvironment, AIME_DB_PASSWORD: 'pw' });

describe('docker-compose.scale.yml', () => {
  it('runs the same vLLM service as docker-compose.yml', () => {
    expect(service(scale(), 'vllm')).toEqual(service(loadComposeFile('docker-compose.yml'), 'vllm'));
  });

  it('keeps PostgreSQL 15 on a volume with a health check, migrated before servers and workers start', () => {
    const postgres = service(scale(), 'postgres');
    expect(postgres.image).toBe('postgres:15');
    expect(postgres.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    expect(postgres.healthcheck?.test).toContain('pg_isready');
    expect(postgres.ports).toBeUndefined();
    expect(service(scale(), 'migrate').command).toEqual(['node', 'apps/server/dist/db-migrate.js']);
    for (const name of ['api', 'worker']) {
      expect(service(scale(), name).depends_on).toMatchObject({
        migrate: { condition: 'service_completed_successfully' },
      });
    }
  });

  it('points API replicas (API only) and workers at the same database, read by the real settings loader', () => {
    const api = environmentOf(service(scale(), 'api'));
    const worker = environmentOf(service(scale(), 'worker'));
    const migrate = environmentOf(service(scale(), 'migrate'));
    const apiSettings = loadScaleOutSettings(api as NodeJS.ProcessEnv);
    const workerSettings = loadScaleOutSettings(worker as NodeJS.ProcessEnv);
    expect(apiSettings).toEqual({
      databaseUrl: 'postgres://aime:pw@postgres:5432/aime',
      worker: false,
      retryInterrupted: 1,
    });
    expect(workerSettings.databaseUrl).toBe(apiSettings.databaseUrl);
    expect(migrate.AIME_DATABASE_URL).toBe(apiSettings.databaseUrl);
    expect(service(scale(), 'worker').command).toEqual(['node', 'apps/server/dist/worker.js']);
    expect(service(scale(), 'api').deploy?.replicas).toBe(2);
    expect(service(scale(), 'worker').deploy?.replicas).toBe(2);
  });
});
