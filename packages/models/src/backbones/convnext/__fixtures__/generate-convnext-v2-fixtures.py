#!/usr/bin/python3
"""Generates the ConvNeXt V2 reference values of @mmpt/models from PyTorch.

Run from anywhere with the system Python (PyTorch 1.13):

    /usr/bin/python3 packages/models/src/backbones/convnext/__fixtures__/generate-convnext-v2-fixtures.py

It writes convnext-v2.json beside this script:
- `grn`: MMPretrain's GRN (Global Response Normalization) on a random NCHW map, in both data
  formats, with random gamma/beta, and the gradients of a weighted sum of its output;
- `blocks`: ConvNeXt V2 blocks (use_grn, no layer scale) with random weights, with Linear and with
  1x1 Conv2d pointwise layers, their state dicts (MMPretrain's names and shapes) and outputs;
- `parameters`: the parameter counts of MMPretrain's ConvNeXt backbone (out_indices -1) for each
  arch with use_grn=True, layer_scale_init_value=0 (ConvNeXt V2), and for tiny as ConvNeXt V1.

MMPretrain is not needed: its formulas are written out below in plain torch with its module
names. CI never runs this script; the fixture is committed.
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'convnext-v2.json')

ARCHS = {
    'atto': ([2, 2, 6, 2], [40, 80, 160, 320]),
    'femto': ([2, 2, 6, 2], [48, 96, 192, 384]),
    'pico': ([2, 2, 6, 2], [64, 128, 256, 512]),
    'nano': ([2, 2, 8, 2], [80, 160, 320, 640]),
    'tiny': ([3, 3, 9, 3], [96, 192, 384, 768]),
    'small': ([3, 3, 27, 3], [96, 192, 384, 768]),
    'base': ([3, 3, 27, 3], [128, 256, 512, 1024]),
    'large': ([3, 3, 27, 3], [192, 384, 768, 1536]),
    'xlarge': ([3, 3, 27, 3], [256, 512, 1024, 2048]),
    'huge': ([3, 3, 27, 3], [352, 704, 1408, 2816]),
}


def encode(value):
    value = value.detach().to(torch.float32)
    return {'shape': list(value.shape), 'data': [float('%.8g' % x) for x in value.flatten().tolist()]}


class GRN(nn.Module):
    """Global Response Normalization: gamma * (x * nx) + beta + x, nx = |x|_spatial / mean_channels."""

    def __init__(self, channels, eps=1e-6):
        super().__init__()
        self.gamma = nn.Parameter(torch.zeros(channels))
        self.beta = nn.Parameter(torch.zeros(channels))
        self.eps = eps

    def forward(self, x, channel_last=False):
        spatial, channel = ((1, 2), -1) if channel_last else ((2, 3), 1)
        shape = (1, 1, 1, -1) if channel_last else (1, -1, 1, 1)
        responses = torch.norm(x, p=2, dim=spatial, keepdim=True)
        normalized = responses / (responses.mean(dim=channel, keepdim=True) + self.eps)
        return self.gamma.view(shape) * (x * normalized) + self.beta.view(shape) + x


class LayerNorm2d(nn.LayerNorm):
    def forward(self, x, channel_last=False):
        if channel_last:
            return F.layer_norm(x, self.normalized_shape, self.weight, self.bias, self.eps)
        x = F.layer_norm(x.permute(0, 2, 3, 1), self.normalized_shape, self.weight, self.bias, self.eps)
        return x.permute(0, 3, 1, 2)


class ConvNeXtBlock(nn.Module):
    def __init__(self, channels, linear_pw_conv=True, use_grn=False, layer_scale=1e-6):
        super().__init__()
        self.linear_pw_conv = linear_pw_conv
        self.depthwise_conv = nn.Conv2d(channels, channels, 7, padding=3, groups=channels)
        self.norm = LayerNorm2d(channels, eps=1e-6)
        pointwise = nn.Linear if linear_pw_conv else (lambda i, o: nn.Conv2d(i, o, 1))
        self.pointwise_conv1 = pointwise(channels, 4 * channels)
        self.act = nn.GELU()
        self.pointwise_conv2 = pointwise(4 * channels, channels)
        self.grn = GRN(4 * channels) if use_grn else None
        self.gamma = nn.Parameter(layer_scale * torch.ones(channels)) if layer_scale > 0 else None

    def forward(self, x):
        shortcut = x
        x = self.depthwise_conv(x)
        if self.linear_pw_conv:
            x = self.act(self.pointwise_conv1(self.norm(x.permute(0, 2, 3, 1), channel_last=True)))
            if self.grn is not None:
                x = self.grn(x, channel_last=True)
            x = self.pointwise_conv2(x).permute(0, 3, 1, 2)
        else:
            x = self.act(self.pointwise_conv1(self.norm(x)))
            if self.grn is not None:
                x = self.grn(x)
            x = self.pointwise_conv2(x)
        if self.gamma is not None:
            x = x * self.gamma.view(1, -1, 1, 1)
        return shortcut + x


def count(module):
    return sum(parameter.numel() for parameter in module.parameters())


def backbone_parameters(arch, use_grn, layer_scale):
    """ConvNeXt(arch, out_indices=-1): stem, downsample layers, blocks, norm3, counted part by part."""
    depths, channels = ARCHS[arch]
    total = count(nn.Sequential(nn.Conv2d(3, channels[0], 4, 4), LayerNorm2d(channels[0])))
    for index, depth in enumerate(depths):
        if index >= 1:
            total += count(nn.Sequential(LayerNorm2d(channels[index - 1]), nn.Conv2d(channels[index - 1], channels[index], 2, 2)))
        total += depth * count(ConvNeXtBlock(channels[index], use_grn=use_grn, layer_scale=layer_scale))
    return total + count(LayerNorm2d(channels[-1]))


def randomize(module, generator):
    with torch.no_grad():
        for value in module.parameters():
            value.copy_(torch.randn(value.shape, generator=generator) * 0.3)
    return module


def main():
    generator = torch.Generator().manual_seed(20230101)
    fixture = {}

    grn = GRN(6)
    randomize(grn, generator)
    x = torch.randn(2, 6, 3, 4, generator=generator).requires_grad_()
    weights = torch.randn(2, 6, 3, 4, generator=generator)
    out = grn(x)
    (out * weights).sum().backward()
    last = grn(x.detach().permute(0, 2, 3, 1), channel_last=True)
    fixture['grn'] = {
        'gamma': encode(grn.gamma), 'beta': encode(grn.beta), 'input': encode(x), 'output': encode(out),
        'weights': encode(weights), 'inputGrad': encode(x.grad), 'gammaGrad': encode(grn.gamma.grad),
        'betaGrad': encode(grn.beta.grad), 'channelLastOutput': encode(last),
    }

    fixture['blocks'] = []
    for linear in (True, False):
        block = randomize(ConvNeXtBlock(8, linear_pw_conv=linear, use_grn=True, layer_scale=0), generator)
        block_input = torch.randn(2, 8, 5, 5, generator=generator)
        with torch.no_grad():
            block_output = block(block_input)
        fixture['blocks'].append({
            'linear_pw_conv': linear,
            'state': {name: encode(value) for name, value in block.state_dict().items()},
            'input': encode(block_input), 'output': encode(block_output),
        })

    fixture['parameters'] = {arch: backbone_parameters(arch, True, 0) for arch in ARCHS}
    fixture['parametersV1Tiny'] = backbone_parameters('tiny', False, 1e-6)
    with open(OUT, 'w') as file:
        json.dump(fixture, file)
        file.write('\n')
    print('wrote', OUT, fixture['parameters'], fixture['parametersV1Tiny'])


if __name__ == '__main__':
    main()
