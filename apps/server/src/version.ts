/** Reported by /health and the OpenAPI document; keep in step with package.json. */
export const SERVICE_VERSION = '0.1.0';
