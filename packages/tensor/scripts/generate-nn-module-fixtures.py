"""Reference values for the nn module tests of @mmpt/tensor (src/nn/*.test.ts).

Run with Debian's PyTorch: /usr/bin/python3 scripts/generate-nn-module-fixtures.py
It writes src/nn/__fixtures__/nn-modules.json: for each case, the parameter, buffer and
state-dict names and shapes of a torch.nn module, its state dict (so the TypeScript module can
load the same weights whatever its own initialisation), the inputs, the outputs, and the buffers
after the forward passes (BatchNorm's running statistics).
"""

import json
import math
import os

import torch
from torch import nn

torch.manual_seed(0)


def encode(t):
    if t is None:
        return None
    t = t.detach()
    dtype = {torch.float32: 'float32', torch.int64: 'int32', torch.int32: 'int32', torch.bool: 'bool'}[t.dtype]
    values = t.reshape(-1).tolist()
    if dtype == 'bool':
        values = [1 if v else 0 for v in values]
    elif dtype == 'float32':
        # 9 significant digits give back the float32 value exactly.
        values = [float(f'{v:.9g}') if math.isfinite(v) else None for v in values]
    return {'shape': list(t.shape), 'dtype': dtype, 'values': values}


def describe(module):
    return {
        'parameters': [[name, list(p.shape)] for name, p in module.named_parameters()],
        'buffers': [[name, list(b.shape)] for name, b in module.named_buffers()],
        'stateDict': {key: encode(value) for key, value in module.state_dict().items()},
    }


def randomize(module):
    """Random parameters and float buffers (positive running_var), so a test never passes by luck."""
    with torch.no_grad():
        for name, p in module.named_parameters():
            p.copy_(torch.randn_like(p) * 0.5)
        for name, b in module.named_buffers():
            if name.endswith('running_var'):
                b.copy_(torch.rand_like(b) + 0.5)
            elif b.dtype == torch.float32:
                b.copy_(torch.randn_like(b) * 0.3)


cases = {}


def case(name, module, inputs, training=False, passes=1, call=None, randomize_weights=True):
    """Records `module` (state before the forward passes), its output(s) and its buffers after."""
    if randomize_weights:
        randomize(module)
    module.train(training)
    entry = describe(module)
    outputs = []
    for _ in range(passes):
        result = call(module, *inputs) if call else module(*inputs)
        if isinstance(result, tuple):
            outputs.append([encode(r) for r in result])
        else:
            outputs.append([encode(result)])
    entry['training'] = training
    entry['inputs'] = [encode(x) for x in inputs]
    entry['outputs'] = outputs
    entry['buffersAfter'] = {key: encode(value) for key, value in module.named_buffers()}
    cases[name] = entry


def randn(*shape):
    return torch.randn(*shape)


# Linear
case('linear', nn.Linear(4, 3), [randn(2, 4)])
case('linear-no-bias', nn.Linear(4, 3, bias=False), [randn(2, 5, 4)])

# Conv2d
case('conv2d', nn.Conv2d(4, 6, 3, stride=2, padding=1), [randn(2, 4, 7, 6)])
case('conv2d-groups-dilation', nn.Conv2d(4, 6, (3, 2), padding=(2, 1), dilation=2, groups=2, bias=False), [randn(1, 4, 8, 7)])
case('conv2d-reflect', nn.Conv2d(3, 2, 3, padding=1, padding_mode='reflect'), [randn(1, 3, 5, 5)])
case('conv2d-replicate', nn.Conv2d(3, 2, 3, padding=(2, 1), padding_mode='replicate'), [randn(1, 3, 5, 5)])
case('conv2d-circular', nn.Conv2d(3, 2, 3, padding=1, padding_mode='circular'), [randn(1, 3, 5, 4)])
case('conv2d-same', nn.Conv2d(2, 3, 4, padding='same'), [randn(1, 2, 6, 5)])
case('conv2d-same-reflect', nn.Conv2d(2, 3, (4, 3), padding='same', padding_mode='reflect'), [randn(1, 2, 6, 5)])
case('conv2d-depthwise', nn.Conv2d(3, 3, 3, padding=1, groups=3), [randn(3, 5, 5)])

# BatchNorm
case('batchnorm1d-train', nn.BatchNorm1d(3), [randn(4, 3)], training=True, passes=2)
case('batchnorm1d-train-3d', nn.BatchNorm1d(3, momentum=0.3), [randn(2, 3, 5)], training=True, passes=2)
case('batchnorm1d-eval', nn.BatchNorm1d(3), [randn(4, 3)])
case('batchnorm2d-train', nn.BatchNorm2d(3), [randn(2, 3, 4, 5)], training=True, passes=2)
case('batchnorm2d-eval', nn.BatchNorm2d(3, eps=1e-3), [randn(2, 3, 4, 5)])
case('batchnorm2d-cumulative', nn.BatchNorm2d(3, momentum=None), [randn(2, 3, 2, 2)], training=True, passes=3)
case('batchnorm2d-no-affine', nn.BatchNorm2d(3, affine=False), [randn(2, 3, 3, 3)], training=True)
case('batchnorm2d-no-stats', nn.BatchNorm2d(3, track_running_stats=False), [randn(2, 3, 3, 3)])

# LayerNorm and GroupNorm
case('layernorm', nn.LayerNorm(4), [randn(2, 3, 4)])
case('layernorm-2d', nn.LayerNorm([3, 4], eps=1e-6), [randn(2, 3, 4)])
case('layernorm-no-affine', nn.LayerNorm(5, elementwise_affine=False), [randn(3, 5)])
case('groupnorm', nn.GroupNorm(2, 4), [randn(2, 4, 3, 3)])
case('groupnorm-no-affine', nn.GroupNorm(3, 6, eps=1e-3, affine=False), [randn(2, 6, 2)])

# Activations, softmax, flatten, identity, dropout in eval mode
activation_input = torch.linspace(-4, 4, 24).reshape(2, 3, 4)
for name, module in [
    ('relu', nn.ReLU()),
    ('relu6', nn.ReLU6()),
    ('leaky-relu', nn.LeakyReLU()),
    ('leaky-relu-0.2', nn.LeakyReLU(0.2)),
    ('elu', nn.ELU()),
    ('elu-0.5', nn.ELU(alpha=0.5)),
    ('gelu', nn.GELU()),
    ('gelu-tanh', nn.GELU(approximate='tanh')),
    ('silu', nn.SiLU()),
    ('hardswish', nn.Hardswish()),
    ('hardsigmoid', nn.Hardsigmoid()),
    ('sigmoid', nn.Sigmoid()),
    ('tanh', nn.Tanh()),
    ('softmax', nn.Softmax(dim=1)),
    ('softmax-last', nn.Softmax(dim=-1)),
    ('flatten', nn.Flatten()),
    ('flatten-0-1', nn.Flatten(0, 1)),
    ('identity', nn.Identity()),
    ('dropout-eval', nn.Dropout(0.5)),
]:
    case(name, module, [activation_input])

# Pooling
case('maxpool2d', nn.MaxPool2d(3, stride=2, padding=1), [randn(2, 3, 7, 6)])
case('maxpool2d-ceil', nn.MaxPool2d(2, ceil_mode=True), [randn(1, 2, 5, 5)])
case('maxpool2d-dilation', nn.MaxPool2d((2, 3), stride=1, dilation=(2, 1)), [randn(1, 2, 6, 6)])
case('avgpool2d', nn.AvgPool2d(3, stride=2, padding=1), [randn(2, 3, 7, 6)])
case('avgpool2d-exclude-pad', nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=False, ceil_mode=True), [randn(1, 2, 6, 6)])
case('avgpool2d-divisor', nn.AvgPool2d(2, divisor_override=3), [randn(1, 2, 4, 4)])
case('adaptive-avgpool2d', nn.AdaptiveAvgPool2d((2, 3)), [randn(2, 3, 5, 7)])
case('adaptive-avgpool2d-1', nn.AdaptiveAvgPool2d(1), [randn(2, 3, 5, 7)])
case('adaptive-avgpool2d-none', nn.AdaptiveAvgPool2d((None, 2)), [randn(2, 3, 5, 7)])


# MultiheadAttention: the call receives the module and the inputs
def attention(**kwargs):
    def call(module, query, key, value, *masks):
        options = dict(kwargs)
        if 'key_padding_mask' in options:
            options['key_padding_mask'] = masks[0]
        if 'attn_mask' in options:
            options['attn_mask'] = masks[-1]
        output, weights = module(query, key, value, **options)
        return (output, weights) if weights is not None else (output,)

    return call


query = randn(3, 2, 8)  # (L, N, E)
memory = randn(5, 2, 8)  # (S, N, E)
padding = torch.tensor([[False, False, False, True, True], [False, False, False, False, False]])
causal = torch.triu(torch.ones(3, 5, dtype=torch.bool), diagonal=3)
float_mask = randn(2 * 2, 3, 5) * 0.5

case('mha', nn.MultiheadAttention(8, 2), [query, memory, memory], call=attention())
case('mha-no-weights', nn.MultiheadAttention(8, 2), [query, memory, memory], call=attention(need_weights=False))
case('mha-per-head', nn.MultiheadAttention(8, 4), [query, query, query], call=attention(average_attn_weights=False))
case(
    'mha-masks',
    nn.MultiheadAttention(8, 2),
    [query, memory, memory, padding, causal],
    call=attention(key_padding_mask=True, attn_mask=True),
)
case('mha-float-mask', nn.MultiheadAttention(8, 2), [query, memory, memory, float_mask], call=attention(attn_mask=True))
case(
    'mha-batch-first',
    nn.MultiheadAttention(8, 2, batch_first=True),
    [query.transpose(0, 1).contiguous(), memory.transpose(0, 1).contiguous(), memory.transpose(0, 1).contiguous(), padding],
    call=attention(key_padding_mask=True),
)
case(
    'mha-kdim-vdim',
    nn.MultiheadAttention(8, 2, kdim=6, vdim=4),
    [query, randn(5, 2, 6), randn(5, 2, 4)],
    call=attention(),
)
case(
    'mha-bias-kv-zero-attn',
    nn.MultiheadAttention(8, 2, add_bias_kv=True, add_zero_attn=True),
    [query, memory, memory, padding, causal],
    call=attention(key_padding_mask=True, attn_mask=True),
)
case('mha-no-bias', nn.MultiheadAttention(8, 2, bias=False), [query, memory, memory], call=attention())
case('mha-unbatched', nn.MultiheadAttention(8, 2), [query[:, 0], memory[:, 0], memory[:, 0]], call=attention())

# Default initialisation: names and shapes, and the values of the buffers (no forward)
for name, module in [
    ('default-linear', nn.Linear(5, 3)),
    ('default-conv2d', nn.Conv2d(3, 8, 3)),
    ('default-batchnorm2d', nn.BatchNorm2d(4)),
    ('default-layernorm', nn.LayerNorm(6)),
    ('default-groupnorm', nn.GroupNorm(2, 6)),
    ('default-mha', nn.MultiheadAttention(8, 2)),
]:
    entry = describe(module)
    entry['stateDictKeys'] = list(module.state_dict().keys())
    entry['stateDict'] = {key: encode(value) for key, value in module.named_buffers()}
    cases[name] = entry


# A composite network, for dotted names in registration order
class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 4, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(4)
        self.relu = nn.ReLU()
        self.attn = nn.MultiheadAttention(4, 2, kdim=3, vdim=3, add_bias_kv=True)
        self.norms = nn.ModuleList([nn.LayerNorm(4), nn.GroupNorm(2, 4)])
        self.heads = nn.ModuleDict({'cls': nn.Linear(4, 2), 'reg': nn.Linear(4, 1, bias=False)})


network = nn.Sequential(Block(), nn.Sequential(nn.Flatten(), nn.Linear(8, 2)))
cases['composite'] = {key: value for key, value in describe(network).items() if key != 'stateDict'}
cases['composite']['stateDictKeys'] = list(network.state_dict().keys())

path = os.path.join(os.path.dirname(__file__), '..', 'src', 'nn', '__fixtures__', 'nn-modules.json')
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, 'w') as file:
    json.dump({'torch': torch.__version__, 'cases': cases}, file, separators=(',', ':'))
    file.write('\n')
print(f'wrote {len(cases)} cases to {os.path.normpath(path)}')
