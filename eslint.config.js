// The walls between the rooms of src/ (see the README's architecture section), enforced here.
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const TFJS = {
  group: ['@tensorflow/*'],
  message: 'TensorFlow.js is imported only by src/core/tf.ts (every runtime) and src/engine/host/browser-tf.ts (the browser).',
};
const ENGINE_SIDE = (to) => [
  {
    group: ['**/engine/*', '**/engine/**', '**/worker/engine.worker*'],
    message: `${to} talks to the engine through state/engine.ts and the typed client, never to engine/ directly.`,
  },
  {
    group: ['**/core/tf', '**/core/model/*', '**/core/train/*', '**/core/backend'],
    message: `${to} never reaches tfjs: models and training live behind the worker wall.`,
  },
];
const ABOVE_CORE = ['protocol', 'engine', 'worker', 'state', 'ui', 'features', 'app', 'cli'].map((room) => ({
  group: [`**/${room}/*`, `**/${room}/**`],
  message: `core/ is the bottom floor: it imports nothing from ${room}/.`,
}));
const restrict = (patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'reports/**', 'runs/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': restrict([TFJS]),
    },
  },
  {
    files: ['src/features/**', 'src/ui/**', 'src/app/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  { files: ['src/core/tf.ts', 'src/engine/host/browser-tf.ts'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['src/**/*.{ts,tsx}'], ignores: ['src/**/*.test.{ts,tsx}', 'src/testing/**'], rules: { 'max-lines': ['error', { max: 400 }] } },
  {
    files: ['src/core/**'],
    ignores: ['src/core/tf.ts'],
    rules: {
      'no-restricted-imports': restrict([
        TFJS,
        ...ABOVE_CORE,
        { group: ['react', 'react-dom', 'zustand', 'comlink'], message: 'core/ is plain TypeScript: no UI, no worker plumbing.' },
      ]),
    },
  },
  {
    files: ['src/protocol/**'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            TFJS,
            {
              regex: '/core/(?!model/defaults$)',
              allowTypeImports: true,
              message: 'protocol/ holds types and constants: it imports core types only (and the tfjs-free model defaults).',
            },
            ...['engine', 'worker', 'state', 'ui', 'features', 'app', 'cli'].map((room) => ({
              group: [`**/${room}/*`, `**/${room}/**`],
              message: `protocol/ sits under ${room}/.`,
            })),
          ],
        },
      ],
    },
  },
  {
    files: ['src/engine/**'],
    ignores: ['src/engine/host/browser-tf.ts'],
    rules: {
      'no-restricted-imports': restrict([
        TFJS,
        ...['worker', 'state', 'ui', 'features', 'app', 'cli'].map((room) => ({
          group: [`**/${room}/*`, `**/${room}/**`],
          message: `engine/ runs behind the wall: it knows nothing of ${room}/.`,
        })),
      ]),
    },
  },
  {
    files: ['src/worker/**'],
    rules: {
      'no-restricted-imports': restrict([
        TFJS,
        ...['state', 'ui', 'features', 'app', 'cli'].map((room) => ({
          group: [`**/${room}/*`, `**/${room}/**`],
          message: `worker/ is the wall itself: it knows nothing of ${room}/.`,
        })),
      ]),
    },
  },
  {
    files: ['src/state/**'],
    rules: {
      'no-restricted-imports': restrict([
        TFJS,
        ...ENGINE_SIDE('state/'),
        ...['ui', 'features', 'app'].map((room) => ({ group: [`**/${room}/*`, `**/${room}/**`], message: `state/ sits under ${room}/.` })),
      ]),
    },
  },
  {
    files: ['src/ui/**'],
    rules: {
      'no-restricted-imports': restrict([
        TFJS,
        ...ENGINE_SIDE('ui/'),
        {
          group: ['**/worker/*', '**/features/*', '**/features/**', '**/app/*'],
          message: 'ui/ holds view helpers shared by features: it sits under them.',
        },
      ]),
    },
  },
  {
    files: ['src/features/**'],
    rules: {
      'no-restricted-imports': restrict([
        TFJS,
        ...ENGINE_SIDE('a feature'),
        { group: ['**/worker/*', '**/app/*'], message: 'features read the store and call actions: no worker plumbing, nothing from app/.' },
      ]),
    },
  },
  { files: ['src/app/**'], rules: { 'no-restricted-imports': restrict([TFJS, ...ENGINE_SIDE('app/')]) } },
  {
    files: ['src/cli/**'],
    rules: {
      'no-restricted-imports': restrict([
        TFJS,
        ...['protocol', 'engine', 'worker', 'state', 'ui', 'features', 'app'].map((room) => ({
          group: [`**/${room}/*`, `**/${room}/**`],
          message: `the CLI runs the core in Node: nothing from ${room}/.`,
        })),
      ]),
    },
  },
);
