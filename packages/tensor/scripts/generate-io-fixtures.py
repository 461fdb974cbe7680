"""Writes the .pth fixtures of src/io/__fixtures__ (run with Debian's python3 and PyTorch).

    /usr/bin/python3 packages/tensor/scripts/generate-io-fixtures.py
"""
import collections
import json
import os

import numpy as np
import torch

HERE = os.path.join(os.path.dirname(__file__), '..', 'src', 'io', '__fixtures__')
os.makedirs(HERE, exist_ok=True)
torch.manual_seed(0)

state = collections.OrderedDict()
state['conv.weight'] = torch.randn(2, 3, 2, 2)
state['fc.weight'] = torch.randn(3, 4).t()  # non-contiguous: stride (1, 3)
state['fc.bias'] = torch.arange(3, dtype=torch.float32)
state['bn.num_batches_tracked'] = torch.tensor(7)
state['half'] = torch.tensor([0.5, -2.0, 65504.0]).half()
state['double'] = torch.tensor([[1.5, 2.25]], dtype=torch.float64)
state['mask'] = torch.tensor([True, False, True])
state['view'] = torch.arange(10, dtype=torch.float32)[2:8:2]  # storage offset and stride
torch.save(state, os.path.join(HERE, 'state-dict.pth'))

checkpoint = {
    'meta': {'epoch': 3, 'seed': np.int64(42), 'note': 'numpy objects are not rebuilt'},
    'state_dict': state,
    'optimizer': {'state': {}, 'param_groups': [{'lr': 0.1}]},
}
torch.save(checkpoint, os.path.join(HERE, 'checkpoint.pth'))


class Exploit:
    def __reduce__(self):
        return (os.system, ('echo pwned > /tmp/mmpt-pickle-exploit',))


torch.save({'state_dict': {'x': torch.zeros(1)}, 'payload': Exploit()}, os.path.join(HERE, 'exploit.pth'))

expected = {key: {'shape': list(value.shape), 'values': value.float().flatten().tolist() if value.dtype != torch.bool else value.int().flatten().tolist()} for key, value in state.items()}
with open(os.path.join(HERE, 'state-dict.expected.json'), 'w') as handle:
    json.dump(expected, handle)
