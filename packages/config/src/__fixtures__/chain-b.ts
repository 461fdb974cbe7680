export default {
  _base_: './chain-a.ts',
  model: { backbone: { depth: 101 } },
  optim_wrapper: { optimizer: { _delete_: true, type: 'AdamW', lr: 0.001 } },
};
