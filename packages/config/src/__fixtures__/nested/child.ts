export default {
  _base_: ['../base.ts'],
  dir: '{{fileDirname}}',
  name: '{{fileBasename}}',
};
