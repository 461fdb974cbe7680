class CustomNet {
  constructor(readonly options: { depth: number }) {}
}

export default {
  model: { type: CustomNet, depth: 3 },
  values: [Infinity, -0, 0.5],
};
