// Creates the skeleton of a package: node scripts/new-package.mjs <name> "<description>" [dep@range ...]
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [name, description, ...deps] = process.argv.slice(2);
const dir = join('packages', name);
if (existsSync(join(dir, 'package.json'))) throw new Error(`${dir} exists`);
mkdirSync(join(dir, 'src'), { recursive: true });
const dependencies = {};
for (const dep of deps) {
  const at = dep.lastIndexOf('@');
  dependencies[dep.slice(0, at)] = dep.slice(at + 1);
}
const pkg = {
  name: `@stkit/${name}`,
  version: '0.1.0',
  description,
  license: 'Apache-2.0',
  type: 'module',
  sideEffects: false,
  exports: {
    '.': {
      '@stkit/source': './src/index.ts',
      types: './dist/index.d.ts',
      import: './dist/index.js',
    },
    './package.json': './package.json',
  },
  main: './dist/index.js',
  types: './dist/index.d.ts',
  files: ['dist', 'src', '!src/**/*.test.ts', '!src/**/__fixtures__'],
  engines: { node: '>=20.19' },
  scripts: {
    build: 'tsup',
    test: 'vitest run',
    'type-check': 'tsc --noEmit -p .',
    'lint:package': 'publint && attw --pack . --profile esm-only',
  },
  dependencies,
  devDependencies: {
    '@stkit/test-data': '*',
    '@stkit/tsconfig': '*',
    '@stkit/tsup-config': '*',
    '@stkit/vitest-config': '*',
  },
  publishConfig: { access: 'public' },
};
writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
writeFileSync(
  join(dir, 'tsconfig.json'),
  JSON.stringify({ extends: '@stkit/tsconfig/package.base.json', include: ['src', 'test', '*.ts'] }, null, 2) + '\n',
);
writeFileSync(
  join(dir, 'tsup.config.ts'),
  "import { stkitTsup } from '@stkit/tsup-config';\n\nexport default stkitTsup({ entry: ['src/index.ts'] });\n",
);
writeFileSync(
  join(dir, 'vitest.config.ts'),
  "import { stkitVitest } from '@stkit/vitest-config';\n\nexport default stkitVitest();\n",
);
writeFileSync(join(dir, 'src/index.ts'), `/**\n * @packageDocumentation\n * ${description}\n */\nexport {};\n`);
writeFileSync(join(dir, 'README.md'), `# @stkit/${name}\n\n${description}\n`);
