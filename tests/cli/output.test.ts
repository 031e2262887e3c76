import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import YAML from 'yaml';
import { addOutputOption, formatOutput } from '../../cli/output.ts';

const parse = (args: string[]) => {
  const cmd = addOutputOption(new Command('x').exitOverride().configureOutput({ writeErr: () => {} }));
  cmd.parse(args, { from: 'user' });
  return cmd.opts().output as string;
};

test('-o takes json, yaml or table (default table); --json is -o json; anything else is refused', () => {
  assert.is(parse([]), 'table');
  assert.is(parse(['--json']), 'json');
  assert.is(parse(['-o', 'yaml']), 'yaml');
  assert.is(parse(['--output', 'json']), 'json');
  assert.throws(() => parse(['-o', 'xml']), /Allowed choices are table, json, yaml/);
});

test('json is indented by two spaces with a final newline, yaml reads back to the same value', () => {
  const value = { experiment: 'tiny', cells: 8, summary: [{ scenario: 'spike', costUsd: 0.125 }] };
  assert.is(formatOutput('json', value, () => 'T'), '{\n  "experiment": "tiny",\n  "cells": 8,\n  "summary": [\n    {\n      "scenario": "spike",\n      "costUsd": 0.125\n    }\n  ]\n}\n');
  assert.equal(YAML.parse(formatOutput('yaml', value, () => 'T')), value);
  assert.is(formatOutput('table', value, () => 'T'), 'T');
});

test('scalelab sim config prints the same data with --json, -o json and -o yaml', () => {
  const bin = fileURLToPath(new URL('../../bin/scalelab.js', import.meta.url));
  const run = (...a: string[]) => spawnSync(process.execPath, [bin, 'sim', 'config', ...a], { encoding: 'utf8' });
  const json = run('--json');
  assert.is(json.status, 0, json.stderr);
  assert.is(run('-o', 'json').stdout, json.stdout);
  assert.equal(YAML.parse(run('-o', 'yaml').stdout), JSON.parse(json.stdout));
  const bad = run('-o', 'xml');
  assert.is(bad.status, 2);
});
