import { z } from 'zod';

/**
 * The part of the Compose Specification (compose-spec/compose-spec, schema/compose-spec.json)
 * that our compose files use, strict: a misspelt or unsupported key fails the check the way
 * `docker compose config` would. Add keys here when the compose files start using them.
 */
const duration = z.string().regex(/^(\d+(\.\d+)?(h|m|s|ms|us|ns))+$/, 'a duration such as 30s or 10m');
const stringList = z.array(z.string());

const healthcheckSchema = z.strictObject({
  test: z.union([z.string(), z.array(z.string()).min(2)]),
  interval: duration.optional(),
  timeout: duration.optional(),
  retries: z.number().int().positive().optional(),
  start_period: duration.optional(),
  start_interval: duration.optional(),
  disable: z.boolean().optional(),
});

const deviceSchema = z.strictObject({
  driver: z.string().optional(),
  count: z.union([z.number().int().positive(), z.literal('all')]).optional(),
  device_ids: stringList.optional(),
  capabilities: stringList.min(1),
  options: z.record(z.string(), z.string()).optional(),
});

const deploySchema = z.strictObject({
  replicas: z.number().int().nonnegative().optional(),
  resources: z
    .strictObject({
      reservations: z.strictObject({ devices: z.array(deviceSchema).optional() }).optional(),
      limits: z.strictObject({ cpus: z.string().optional(), memory: z.string().optional() }).optional(),
    })
    .optional(),
});

const dependsOnSchema = z.union([
  stringList,
  z.record(
    z.string(),
    z.strictObject({
      condition: z.enum(['service_started', 'service_healthy', 'service_completed_successfully']),
      restart: z.boolean().optional(),
      required: z.boolean().optional(),
    }),
  ),
]);

const buildSchema = z.union([
  z.string(),
  z.strictObject({
    context: z.string(),
    dockerfile: z.string().optional(),
    target: z.string().optional(),
    args: z.record(z.string(), z.string()).optional(),
  }),
]);

export const serviceSchema = z
  .strictObject({
    image: z.string().optional(),
    build: buildSchema.optional(),
    command: z.union([z.string(), stringList]).optional(),
    entrypoint: z.union([z.string(), stringList]).optional(),
    environment: z.union([z.record(z.string(), z.union([z.string(), z.number(), z.null()])), stringList]).optional(),
    ports: z.array(z.union([z.string(), z.number()])).optional(),
    volumes: stringList.optional(),
    healthcheck: healthcheckSchema.optional(),
    depends_on: dependsOnSchema.optional(),
    deploy: deploySchema.optional(),
    ipc: z.string().optional(),
    shm_size: z.string().optional(),
    restart: z.enum(['no', 'always', 'on-failure', 'unless-stopped']).optional(),
    profiles: stringList.optional(),
    user: z.string().optional(),
  })
  .refine((service) => service.image !== undefined || service.build !== undefined, {
    message: 'a service needs image or build',
  });

export const composeFileSchema = z
  .strictObject({
    services: z.record(z.string().regex(/^[a-zA-Z0-9._-]+$/), serviceSchema),
    volumes: z.record(z.string(), z.union([z.null(), z.strictObject({ driver: z.string().optional() })])).optional(),
  })
  .superRefine((file, context) => {
    const declared = new Set(Object.keys(file.volumes ?? {}));
    for (const [name, service] of Object.entries(file.services)) {
      for (const mount of service.volumes ?? []) {
        const source = mount.split(':')[0] ?? '';
        const isPath = source.startsWith('.') || source.startsWith('/') || source.startsWith('~');
        if (!isPath && !declared.has(source)) {
          context.addIssue({
            code: 'custom',
            path: ['services', name, 'volumes'],
            message: `undeclared volume ${source}`,
          });
        }
      }
      const dependencies = Array.isArray(service.depends_on)
        ? service.depends_on
        : Object.keys(service.depends_on ?? {});
      for (const dependency of dependencies) {
        if (!(dependency in file.services)) {
          context.addIssue({
            code: 'custom',
            path: ['services', name, 'depends_on'],
            message: `unknown service ${dependency}`,
          });
        }
      }
    }
  });

export type ComposeFile = z.infer<typeof composeFileSchema>;
export type ComposeService = z.infer<typeof serviceSchema>;
