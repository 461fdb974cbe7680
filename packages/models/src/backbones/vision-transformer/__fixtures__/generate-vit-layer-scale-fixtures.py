#!/usr/bin/python3
"""Generates the reference values of ViT's layer scale (layer_scale_init_value) from PyTorch.

Run from anywhere with the system Python (PyTorch 1.13):

    /usr/bin/python3 packages/models/src/backbones/vision-transformer/__fixtures__/generate-vit-layer-scale-fixtures.py

It writes vit-layer-scale.json beside this script:
- `layer`: one TransformerEncoderLayer with layer scale (MMPretrain's module names: ln1, attn with
  its LayerScale gamma1, ln2, ffn with gamma2), random weights, an input and its output;
- `parameters`: the parameter counts of MMPretrain's VisionTransformer backbones (cls_token output,
  final norm, img_size 224, patch 16) with layer_scale_init_value > 0, counted from the modules.

MMPretrain is not needed: its formulas are written out below in plain torch with its names. CI
never runs this script; the fixture is committed.
"""
import json
import os

import torch
import torch.nn as nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'vit-layer-scale.json')

ARCHS = {
    'deit-tiny': (192, 12, 3, 768),
    'deit-small': (384, 12, 6, 1536),
    'base': (768, 12, 12, 3072),
}


def encode(value):
    value = value.detach().to(torch.float32)
    return {'shape': list(value.shape), 'data': [float('%.8g' % x) for x in value.flatten().tolist()]}


class LayerScale(nn.Module):
    def __init__(self, dim, value):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim) * value)

    def forward(self, x):
        return x * self.weight


class MultiheadAttention(nn.Module):
    def __init__(self, dims, heads, layer_scale):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dims, dims * 3)
        self.proj = nn.Linear(dims, dims)
        self.gamma1 = LayerScale(dims, layer_scale)

    def forward(self, x):
        batch, length, dims = x.shape
        qkv = self.qkv(x).reshape(batch, length, 3, self.heads, dims // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        attention = ((q @ k.transpose(-2, -1)) * (dims // self.heads) ** -0.5).softmax(dim=-1)
        return self.gamma1(self.proj((attention @ v).transpose(1, 2).reshape(batch, length, dims)))


class FFN(nn.Module):
    def __init__(self, dims, hidden, layer_scale):
        super().__init__()
        self.layers = nn.Sequential(nn.Sequential(nn.Linear(dims, hidden), nn.GELU(), nn.Dropout(0.0)), nn.Linear(hidden, dims), nn.Dropout(0.0))
        self.gamma2 = LayerScale(dims, layer_scale)

    def forward(self, x, identity):
        return identity + self.gamma2(self.layers(x))


class TransformerEncoderLayer(nn.Module):
    def __init__(self, dims, heads, hidden, layer_scale):
        super().__init__()
        self.ln1 = nn.LayerNorm(dims, eps=1e-6)
        self.attn = MultiheadAttention(dims, heads, layer_scale)
        self.ln2 = nn.LayerNorm(dims, eps=1e-6)
        self.ffn = FFN(dims, hidden, layer_scale)

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        return self.ffn(self.ln2(x), identity=x)


def backbone_parameters(arch, layer_scale):
    dims, layers, heads, hidden = ARCHS[arch]
    patches = (224 // 16) ** 2
    total = count(nn.Conv2d(3, dims, 16, 16)) + dims + (patches + 1) * dims  # patch_embed, cls_token, pos_embed
    total += layers * count(TransformerEncoderLayer(dims, heads, hidden, layer_scale))
    return total + count(nn.LayerNorm(dims))


def count(module):
    return sum(parameter.numel() for parameter in module.parameters())


def main():
    generator = torch.Generator().manual_seed(16)
    layer = TransformerEncoderLayer(8, 2, 16, 1e-5)
    with torch.no_grad():
        for value in layer.parameters():
            value.copy_(torch.randn(value.shape, generator=generator) * 0.5)
        x = torch.randn(2, 5, 8, generator=generator)
        out = layer(x)
    fixture = {
        'layer': {'state': {name: encode(value) for name, value in layer.state_dict().items()}, 'input': encode(x), 'output': encode(out)},
        'parameters': {arch: backbone_parameters(arch, 1e-5) for arch in ARCHS},
    }
    with open(OUT, 'w') as file:
        json.dump(fixture, file)
        file.write('\n')
    print('wrote', OUT, fixture['parameters'])


if __name__ == '__main__':
    main()
