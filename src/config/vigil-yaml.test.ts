import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigFileError } from '../services/config/config-file.js';
import { formatPath, loadVigilYaml, parseVigilYaml } from './vigil-yaml.js';
import { yamlProblems } from '../test/yaml-problems.test-support.js';

const problems = yamlProblems;

const lines = (...l: string[]) => l.join('\n') + '\n';

describe('vigil.yaml parsing', () => {
  test('parses a complete file and fills the defaults', () => {
    const { config } = parseVigilYaml(
      lines(
        'page:',
        '  name: Acme Status',
        '  public_url: https://status.acme.test',
        '  time_zone: Europe/Berlin',
        'groups:',
        '  - key: platform',
        '    name: Platform',
        'components:',
        '  - key: api',
        '    name: " API "',
        '    group: platform',
        '    status: degraded_performance',
        '  - key: web',
        '    name: Website',
      ),
      'vigil.yaml',
    );
    assert.deepEqual(config.page, { name: 'Acme Status', public_url: 'https://status.acme.test', time_zone: 'Europe/Berlin' });
    assert.deepEqual(config.groups, [{ key: 'platform', name: 'Platform', description: null }]);
    assert.deepEqual(config.components, [
      { key: 'api', name: 'API', description: null, group: 'platform', status: 'degraded_performance', showcase: true, only_show_if_degraded: false },
      { key: 'web', name: 'Website', description: null, group: null, showcase: true, only_show_if_degraded: false },
    ]);
  });

  test('an empty file or one with only comments manages nothing', () => {
    assert.deepEqual(parseVigilYaml('', 'vigil.yaml').config, {});
    assert.deepEqual(parseVigilYaml('# nothing yet\n', 'vigil.yaml').config, {});
  });

  test('invalid YAML is reported with line and column and the parser message', () => {
    assert.deepEqual(problems(lines('page:', '  name: x', '  name: y')), ['vigil.yaml:3:3: Map keys must be unique']);
    assert.deepEqual(problems(lines('components:', '  - key: a', '\tname: b')), ['vigil.yaml:3:1: Tabs are not allowed as indentation']);
    const unterminated = problems(lines('page:', "  name: 'Acme", 'groups: []'));
    assert.match(unterminated[0]!, /^vigil\.yaml:4:1: Missing closing 'quote/);
  });

  test('schema errors name the line and the path', () => {
    const text = lines(
      'components:', //          1
      '  - key: api', //         2
      '    name: API', //        3
      '    colour: red', //      4
      '  - key: web', //         5
      '    name: Website', //    6
      '    status: on_fire', //  7
      '  - key: Bad Key!', //    8
      '    name: ""', //         9
      '  - key: nameless', //    10
    );
    assert.deepEqual(problems(text), [
      'vigil.yaml:4: components[0].colour: unknown field',
      'vigil.yaml:7: components[1].status: Invalid option: expected one of "operational"|"under_maintenance"|"degraded_performance"|"partial_outage"|"major_outage"',
      'vigil.yaml:8: components[2].key: must be 1–100 characters of a-z, 0-9, "_", "." or "-", starting with a letter or digit',
      'vigil.yaml:9: components[2].name: must not be empty',
      'vigil.yaml:10: components[3].name: is required',
    ]);
  });

  test('unknown top-level sections are rejected by name', () => {
    assert.deepEqual(problems(lines('page:', '  name: Acme', 'channel: {}', 'monitor:', '  - key: x')), [
      'vigil.yaml:3: channel: unknown section (expected one of page, groups, components, monitors, channels)',
      'vigil.yaml:4: monitor: unknown section (expected one of page, groups, components, monitors, channels)',
    ]);
  });

  test('wrong shapes are reported where they are', () => {
    assert.deepEqual(problems(lines('- just a list')), ['vigil.yaml:1: Invalid input: expected object, received array']);
    assert.deepEqual(problems(lines('page:', '  name: Acme', 'groups:')), ['vigil.yaml:3: groups: Invalid input: expected array, received null']);
    assert.deepEqual(problems(lines('page:', '  name: Acme', '  time_zone: Mars/Olympus', '  public_url: ftp://x')), [
      'vigil.yaml:3: page.time_zone: must be an IANA time zone name, e.g. Europe/Paris or UTC',
      'vigil.yaml:4: page.public_url: must be an absolute http:// or https:// URL, e.g. https://status.example.com',
    ]);
    // Validated like the settings API, including the zone's canonical spelling.
    assert.equal(parseVigilYaml(lines('page:', '  name: Acme', '  time_zone: europe/berlin'), 'vigil.yaml').config.page?.time_zone, 'Europe/Berlin');
  });

  test('duplicate keys name both lines, also across groups and components', () => {
    const text = lines(
      'groups:', //             1
      '  - key: core', //       2
      '    name: Core', //      3
      'components:', //         4
      '  - key: api', //        5
      '    name: API', //       6
      '  - key: api', //        7
      '    name: API 2', //     8
      '  - key: core', //       9
      '    name: Core thing', // 10
    );
    assert.deepEqual(problems(text), [
      'vigil.yaml:7: components[1].key: duplicate key "api" (first defined at line 5)',
      'vigil.yaml:9: components[2].key: duplicate key "core" (first defined at line 2)',
    ]);
  });

  test('a component naming a group the file does not define', () => {
    const text = lines('groups:', '  - key: core', '    name: Core', 'components:', '  - key: api', '    name: API', '    group: platfrom');
    assert.deepEqual(problems(text), ['vigil.yaml:7: components[0].group: no group with key "platfrom" is defined in this file']);
    assert.deepEqual(problems(lines('components:', '  - key: api', '    name: API', '    group: core')), [
      'vigil.yaml:4: components[0].group: no group with key "core" is defined in this file',
    ]);
  });

  test('lineOf finds a path or its nearest ancestor', () => {
    const loaded = parseVigilYaml(lines('# header', 'components:', '  - key: api', '    name: API'), 'x.yaml');
    assert.equal(loaded.lineOf('components'), 2);
    assert.equal(loaded.lineOf('components[0]'), 3);
    assert.equal(loaded.lineOf('components[0].name'), 4);
    assert.equal(loaded.lineOf('components[0].status'), 3);
    assert.deepEqual(loaded.problem('components[0].key', 'taken'), { path: 'components[0].key', message: 'taken', line: 3 });
  });

  test('formatPath', () => {
    assert.equal(formatPath(['components', 1, 'status']), 'components[1].status');
    assert.equal(formatPath([]), '');
  });

  test('a missing file is reported by name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-yaml-'));
    await assert.rejects(loadVigilYaml(join(dir, 'nope.yaml')), (err: unknown) => {
      assert.ok(err instanceof ConfigFileError);
      assert.deepEqual(err.lines(), [`${join(dir, 'nope.yaml')}: cannot read the file: no such file`]);
      return true;
    });
    writeFileSync(join(dir, 'ok.yaml'), 'page:\n  name: Acme\n');
    assert.equal((await loadVigilYaml(join(dir, 'ok.yaml'))).config.page?.time_zone, 'UTC');
  });
});
