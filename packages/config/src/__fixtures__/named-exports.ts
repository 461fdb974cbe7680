// A config may also be written as named exports, closest to MMEngine's Python configs.
export const _base_ = ['./base.ts'];
export const item4 = 'named';
export const model = { type: 'ResNet', depth: 50 };
