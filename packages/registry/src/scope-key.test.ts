import { describe, expect, it } from 'vitest';
import { splitScopeKey } from './scope-key';

describe('splitScopeKey', () => {
  it('splits at the first dot', () => {
    expect(splitScopeKey('mmpt.ResNet')).toEqual({ scope: 'mmpt', name: 'ResNet' });
    expect(splitScopeKey('a.b.C')).toEqual({ scope: 'a', name: 'b.C' });
    expect(splitScopeKey('ResNet')).toEqual({ scope: undefined, name: 'ResNet' });
  });
});
