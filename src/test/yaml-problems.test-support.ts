// The formatted problem lines of a vigil.yaml that must not parse (tests of the file's checks).
import assert from 'node:assert/strict';
import { parseVigilYaml } from '../config/vigil-yaml.js';
import { ConfigFileError } from '../services/config/config-file.js';

export function yamlProblems(text: string): string[] {
  try {
    parseVigilYaml(text, 'vigil.yaml');
  } catch (err) {
    assert.ok(err instanceof ConfigFileError, String(err));
    return err.lines();
  }
  assert.fail('expected the file to be rejected');
}
