// Builds the OpenAPI 3.1 document from the route declarations. Schemas with
// a zod `meta({id})` become components; request bodies are rendered as the
// input side of a schema (defaults optional) and responses as its output side.
import { z } from 'zod';
import type { RouteDef } from './route.js';

type JsonSchema = Record<string, unknown>;

const REF = (id: string) => `#/components/schemas/${id}`;

function registryPass(io: 'input' | 'output'): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(z.globalRegistry, { target: 'draft-2020-12', io, uri: REF, unrepresentable: 'any' }) as {
    schemas: Record<string, JsonSchema>;
  };
  return schemas;
}

function idOf(schema: z.ZodType): string | undefined {
  return (z.globalRegistry.get(schema) as { id?: string } | undefined)?.id;
}

function schemaRef(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const id = idOf(schema);
  if (id) return { $ref: REF(id) };
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  // Named schemas nested inside land in local $defs; point them at the shared components instead.
  delete json.$schema;
  delete json.$defs;
  return JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
    schema: s,
  }));
}

const ERROR_STATUSES: Record<string, string> = {
  '400': 'Malformed request',
  '401': 'Missing or invalid API key',
  '403': 'The key lacks the needed scope',
  '404': 'Not found',
  '409': 'Conflicts with existing data',
  '413': 'Body too large',
  '415': 'Body is not JSON',
  '422': 'A field failed validation',
  '429': 'Too many failed authentications from this address (see Retry-After)',
  '503': 'The database is unavailable',
};

export function buildOpenApi(defs: RouteDef[], info: { title: string; version: string }, prefix: string): JsonSchema {
  const inputIds = new Set(defs.map((d) => (d.body ? idOf(d.body) : undefined)).filter(Boolean));
  const inputSchemas = registryPass('input');
  const outputSchemas = registryPass('output');
  const schemas: Record<string, JsonSchema> = {};
  for (const [id, s] of Object.entries(outputSchemas)) schemas[id] = inputIds.has(id) ? inputSchemas[id]! : s;
  for (const s of Object.values(schemas)) delete s.$schema;
  delete schemas['__shared'];
  schemas.Error = {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message', 'details'],
        properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
      },
    },
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const def of defs) {
    const path = (prefix + def.path).replace(/:(\w+)/g, '{$1}');
    const status = String(def.status ?? (def.method === 'POST' ? 201 : 200));
    const responses: Record<string, unknown> = {
      [status]:
        status === '204' || (!def.response && !def.contentType)
          ? { description: 'Done' }
          : def.contentType
          ? { description: 'Success', content: { [def.contentType.split(';')[0]!]: { schema: { type: 'string' } } } }
          : { description: 'Success', content: { 'application/json': { schema: schemaRef(def.response!, 'output') } } },
    };
    for (const [code, description] of Object.entries(ERROR_STATUSES)) {
      if (!def.body && (code === '413' || code === '415' || code === '422')) continue;
      responses[code] = { description, content: { 'application/json': { schema: { $ref: REF('Error') } } } };
    }
    const operation: Record<string, unknown> = {
      operationId: `${def.method.toLowerCase()}${def.path.replace(/[/:-](\w)/g, (_, c: string) => c.toUpperCase())}`,
      summary: def.summary,
      tags: [def.tag],
      'x-vigil-scope': def.scope,
      parameters: [...parameters(def.params, 'path'), ...parameters(def.query, 'query')],
      responses,
    };
    if (def.body) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: schemaRef(def.body, 'input') } } };
    }
    (paths[path] ??= {})[def.method.toLowerCase()] = operation;
  }

  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'A Vigil API key (vgl_…)' } },
    },
  };
}
