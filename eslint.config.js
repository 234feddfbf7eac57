// `npm run lint`: typescript-eslint's recommended rules, no import cycle, and the layering of the
// folders (README.md, Layout), bottom to top: engine < apis < generators < mock < runner < reports < cli;
// bench/, tools/ and suites/ stand above them all. No stylistic rule: formatting is not linted.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const LAYERS = ['engine', 'apis', 'generators', 'mock', 'runner', 'reports', 'cli'];
const ABOVE_ALL = ['bench', 'tools', 'suites'];
/** The generators and the mock both stand on the engine alone: the mock does not import the generators either. */
const SIDE_BY_SIDE = { mock: ['generators'] };

/** Each layer may import only the layers below it (suites/layering.test.ts checks the same with no resolver). */
function layerZones() {
  return LAYERS.map((layer, index) => {
    const forbidden = [...(SIDE_BY_SIDE[layer] ?? []), ...LAYERS.slice(index + 1), ...ABOVE_ALL];
    return {
      target: `./${layer}`,
      from: forbidden.map((folder) => `./${folder}`),
      message: `${layer}/ may not import ${forbidden.join(', ')}: move what it needs down, or pass it in from above.`,
    };
  });
}

export default tseslint.config(
  // What .gitignore keeps out of the repository (the build's dist/, scratch folders, generated reports) is not linted either.
  { ignores: ['node_modules/**', 'dist/**', 'reports/output/**', 'suites/fixtures/**', '.scratch/**', '.scratch-*/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
      // Without these, import-x reads no .ts module it imports, and no-cycle would find nothing.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones: layerZones() }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // The suite matches control characters on purpose (NUL in generated strings, ESC in terminal output).
      'no-control-regex': 'off',
    },
  },
);
