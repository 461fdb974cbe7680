import chainA from './chain-a.ts';

// A TypeScript config may also import a base module and reuse its values directly.
export default {
  _base_: './chain-b.ts',
  model: { backbone: { norm_cfg: { type: 'SyncBN' } } },
  train_pipeline: [...chainA.train_pipeline, { type: 'PackInputs' }],
};
