// vigil.yaml refuses text no database can store (NUL, lone surrogates) and
// over-long lists, each as a problem with its line.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { yamlProblems } from '../../test/yaml-problems.test-support.js';

const problems = yamlProblems;

describe('vigil.yaml text and list bounds', () => {
  test('NUL and lone surrogates are named with their line, even beside other problems', () => {
    const text = ['components:', '  - key: api', '    name: "API\\0"', '  - key: web', '    name: Web', '    description: "lone \\uD800"', '    colour: red', ''].join('\n');
    const lines = problems(text);
    assert.ok(lines.some((l) => /^vigil\.yaml:3: components\[0\]\.name: must not contain the NUL character/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /^vigil\.yaml:6: components\[1\]\.description: must not contain a lone UTF-16 surrogate/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /components\[1\]\.colour: unknown field/.test(l)), lines.join('\n'));
  });

  test('at most 1000 components', () => {
    const text = 'components:\n' + Array.from({ length: 1001 }, (_, i) => `  - { key: c${i}, name: C${i} }`).join('\n') + '\n';
    assert.deepEqual(problems(text), ['vigil.yaml:1: components: must list at most 1000 components']);
  });
});
