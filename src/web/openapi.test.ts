import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { useTestApi } from '../test/api-harness.test-support.js';
import { apiV1Routes } from './api/v1/index.js';

describe('OpenAPI document', () => {
  const api = useTestApi('sqlite');
  let doc: any;
  before(async () => {
    const res = await api.request('GET', '/api/v1/openapi.json', { key: null });
    assert.equal(res.status, 200);
    doc = res.body;
  });

  test('is valid OpenAPI 3.1 according to a real validator', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(result.errors ?? [], [], JSON.stringify(result.errors, null, 2));
    assert.equal(result.valid, true);
  });

  test('documents every registered route with its scope', () => {
    for (const def of apiV1Routes) {
      const path = ('/api/v1' + def.path).replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[path]?.[def.method.toLowerCase()];
      assert.ok(op, `${def.method} ${path} is documented`);
      assert.equal(op['x-vigil-scope'], def.scope);
    }
  });

  test('request bodies are the input side of the validating schema', () => {
    const create = doc.components.schemas.ComponentCreate;
    assert.ok(create, 'ComponentCreate schema');
    assert.deepEqual(create.required, ['name']);
    assert.equal(create.additionalProperties, false);
    assert.deepEqual(create.properties.status.enum, ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage']);
  });

  test('every $ref resolves', () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const target = ref.slice(8, -1);
      assert.ok(target.startsWith('#/components/schemas/'), target);
      assert.ok(doc.components.schemas[target.split('/').pop()!], `${target} exists`);
    }
  });
});
