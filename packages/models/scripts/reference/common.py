"""Shared building blocks of the reference architectures, written in plain torch.nn.

They follow MMCV/MMPretrain module names (``conv``, ``bn``, ``activate``, ...) so that the state
dicts of the reference models have MMPretrain's keys. Nothing here imports MMCV or MMPretrain.
"""
import json
import math
import struct

import torch
import torch.nn as nn
import torch.nn.functional as F


def make_divisible(value, divisor, min_value=None, min_ratio=0.9):
    """MMPretrain's make_divisible: round to a multiple of divisor, at least min_ratio of value."""
    if min_value is None:
        min_value = divisor
    new_value = max(min_value, int(value + divisor / 2) // divisor * divisor)
    if new_value < min_ratio * value:
        new_value += divisor
    return new_value


class HSigmoid(nn.Module):
    """MMCV's HSigmoid with bias 3, divisor 6, clamped to [0, 1] (torch's hardsigmoid)."""

    def forward(self, x):
        return F.hardsigmoid(x)


def activation(name):
    if name is None:
        return None
    return {
        'ReLU': nn.ReLU,
        'ReLU6': nn.ReLU6,
        'HSwish': nn.Hardswish,
        'HSigmoid': HSigmoid,
        'Sigmoid': nn.Sigmoid,
        'Swish': nn.SiLU,
        'GELU': nn.GELU,
        'Tanh': nn.Tanh,
    }[name]()


class ConvModule(nn.Module):
    """MMCV's ConvModule: conv, then an optional BN named ``bn``, then ``activate``."""

    def __init__(self, cin, cout, kernel, stride=1, padding=0, groups=1, norm=True, act='ReLU',
                 bias='auto', eps=1e-5, momentum=0.1):
        super().__init__()
        use_bias = (not norm) if bias == 'auto' else bias
        self.conv = nn.Conv2d(cin, cout, kernel, stride, padding, groups=groups, bias=use_bias)
        if norm:
            self.bn = nn.BatchNorm2d(cout, eps=eps, momentum=momentum)
        else:
            self.bn = None
        act_layer = activation(act)
        if act_layer is not None:
            self.activate = act_layer
        else:
            self.activate = None

    def forward(self, x):
        x = self.conv(x)
        if self.bn is not None:
            x = self.bn(x)
        if self.activate is not None:
            x = self.activate(x)
        return x


class SELayer(nn.Module):
    """MMPretrain's SELayer: global average pool, two 1x1 ConvModules (with biases), scale."""

    def __init__(self, channels, ratio=16, divisor=8, squeeze_channels=None, acts=('ReLU', 'Sigmoid')):
        super().__init__()
        if squeeze_channels is None:
            squeeze_channels = make_divisible(channels // ratio, divisor)
        self.global_avgpool = nn.AdaptiveAvgPool2d(1)
        self.conv1 = ConvModule(channels, squeeze_channels, 1, norm=False, act=acts[0])
        self.conv2 = ConvModule(squeeze_channels, channels, 1, norm=False, act=acts[1])

    def forward(self, x):
        out = self.conv2(self.conv1(self.global_avgpool(x)))
        return x * out


class GlobalAveragePooling(nn.Module):
    def forward(self, inputs):
        return tuple(x.mean(dim=(2, 3)) for x in inputs)


class LinearClsHead(nn.Module):
    def __init__(self, num_classes, in_channels):
        super().__init__()
        self.fc = nn.Linear(in_channels, num_classes)

    def forward(self, feats):
        return self.fc(feats[-1])


class StackedLinearClsHead(nn.Module):
    """MMPretrain's StackedLinearClsHead: LinearBlocks (fc, act, dropout) and a last fc block."""

    def __init__(self, num_classes, in_channels, mid_channels, act='ReLU'):
        super().__init__()
        self.layers = nn.ModuleList()
        channels = in_channels
        for hidden in mid_channels:
            self.layers.append(LinearBlock(channels, hidden, act))
            channels = hidden
        self.layers.append(LinearBlock(channels, num_classes, None))

    def forward(self, feats):
        x = feats[-1]
        for layer in self.layers:
            x = layer(x)
        return x


class LinearBlock(nn.Module):
    def __init__(self, cin, cout, act):
        super().__init__()
        self.fc = nn.Linear(cin, cout)
        self.act = activation(act)

    def forward(self, x):
        x = self.fc(x)
        return self.act(x) if self.act is not None else x


class ImageClassifier(nn.Module):
    """backbone, neck, head: the module names of MMPretrain's ImageClassifier."""

    def __init__(self, backbone, neck, head):
        super().__init__()
        self.backbone = backbone
        self.neck = neck
        self.head = head

    def forward(self, x):
        feats = self.backbone(x)
        if self.neck is not None:
            feats = self.neck(feats)
        return self.head(feats)


def randomize(module, generator):
    """Fills every parameter and BN statistic with seeded random values of a sensible scale."""
    with torch.no_grad():
        for name, tensor in module.state_dict().items():
            if tensor.dtype not in (torch.float32, torch.float64):
                continue
            last = name.rsplit('.', 1)[-1]
            if last == 'running_mean':
                tensor.copy_(torch.randn(tensor.shape, generator=generator) * 0.1)
            elif last == 'running_var':
                tensor.copy_(torch.rand(tensor.shape, generator=generator) + 0.5)
            elif tensor.dim() == 1 and last == 'weight':
                tensor.copy_(torch.rand(tensor.shape, generator=generator) * 0.5 + 0.75)
            elif last == 'bias' or tensor.dim() == 1:
                tensor.copy_(torch.randn(tensor.shape, generator=generator) * 0.1)
            elif tensor.dim() >= 2 and last not in ('cls_token', 'pos_embed', 'dist_token'):
                fan_in = tensor[0].numel()
                tensor.copy_(torch.randn(tensor.shape, generator=generator) * math.sqrt(1.0 / fan_in))
            else:
                tensor.copy_(torch.randn(tensor.shape, generator=generator) * 0.2)
        for name, tensor in module.state_dict().items():
            if name.endswith('num_batches_tracked'):
                tensor.fill_(7)


def round_to_half(module):
    """Rounds every float value of the state dict to float16 precision (stored as float32)."""
    with torch.no_grad():
        for tensor in module.state_dict().values():
            if tensor.dtype == torch.float32:
                tensor.copy_(tensor.half().float())


def write_safetensors(path, tensors):
    """A minimal safetensors writer (float32 and int64 tensors), as the safetensors format defines."""
    header = {}
    blobs = []
    offset = 0
    for name, tensor in tensors.items():
        tensor = tensor.contiguous()
        if tensor.dtype == torch.float32:
            code, data = 'F32', tensor.numpy().astype('<f4').tobytes()
        elif tensor.dtype == torch.int64:
            code, data = 'I64', tensor.numpy().astype('<i8').tobytes()
        else:
            raise TypeError(f'write_safetensors: unsupported dtype {tensor.dtype} for {name}')
        header[name] = {'dtype': code, 'shape': list(tensor.shape), 'data_offsets': [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header_bytes = json.dumps(header, separators=(',', ':')).encode('utf-8')
    header_bytes += b' ' * ((8 - len(header_bytes) % 8) % 8)
    with open(path, 'wb') as file:
        file.write(struct.pack('<Q', len(header_bytes)))
        file.write(header_bytes)
        for blob in blobs:
            file.write(blob)


def parameter_count(module):
    return sum(p.numel() for p in module.parameters())


def state_dict_layout(module):
    """``name:shape`` for every state-dict entry, in order."""
    return [f"{name}:{'x'.join(str(s) for s in tensor.shape)}" for name, tensor in module.state_dict().items()]
